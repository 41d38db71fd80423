#!/usr/bin/env python3
# Writes the hand-written survey import fixtures beside this script, byte for byte (a BOM and
# CRLF line ends cannot be typed reliably in an editor).
# Run: python3 tests/data/survey_fixtures.py   (Python 3.11, standard library only)
# The expected values in tests/survey_import.rs are counted by hand from these rows.
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, text):
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="") as f:
        f.write(text)


bom = "\ufeff"
crlf = "\r\n"
# 1. Spanish-locale spreadsheet: BOM, ';', CRLF, decimal comma, quoted field with ';' and a line break.
rows = [
    "# hand-written fixture: Spanish-locale export (BOM, ';' delimiter, CRLF, decimal comma, quoted line break)",
    "Marca temporal;Comunidad;Me siento con confianza con los maestros;¿Participó en Lunadas?;Horas de voluntariado;Comentarios",
    "2020/01/10 18:00;Thermal;Totalmente de acuerdo;Sí;2,5;Muy bien",
    "2020/01/10 18:05;Mecca;Muy de acuerdo;Si;1;\"Dos líneas;\r\ncon punto y coma\"",
    "2020/01/10 18:07;Thermal;De acuerdo;No;0;",
    "2020/01/11 09:00;Oasis;EN DESACUERDO;no;3,0;\"Dice \"\"gracias\"\"\"",
    "2020/01/11 09:30;Mecca;Ni de acuerdo ni en desacuerdo;SÍ;;",
    "2020/01/11 10:00;Thermal;totalmente de acuerdo;Sí;4;",
]
write("survey_semicolon_bom.csv", bom + crlf.join(rows) + crlf)

# 2. SurveyMonkey: question row, then sub-answer row.
sm = [
    'Respondent ID,Collector ID,Start Date,End Date,IP Address,How much do you agree?,,Which events did you attend?,,,How many children do you have?,Comments',
    ',,,,,I feel confident talking with teachers,I know where to find resources,Zumbas,Lunadas,Noches Familiares,Response,Open-Ended Response',
    '1001,55,01/10/2020 06:00:00 PM,01/10/2020 06:10:00 PM,1.2.3.4,Strongly agree,Agree,Zumbas,,Noches Familiares,2,Great',
    '1002,55,01/10/2020 06:05:00 PM,01/10/2020 06:12:00 PM,1.2.3.5,Agree,Agree,,Lunadas,,1,',
    '1003,55,01/10/2020 06:07:00 PM,01/10/2020 06:15:00 PM,1.2.3.6,Disagree,Strongly agree,Zumbas,Lunadas,Noches Familiares,3,"Needs, more"',
    '1004,55,01/11/2020 09:00:00 AM,01/11/2020 09:05:00 AM,1.2.3.7,Neither agree nor disagree,Disagree,,,,0,',
    '1005,55,01/11/2020 09:30:00 AM,01/11/2020 09:35:00 AM,1.2.3.8,Strongly agree,Strongly agree,Zumbas,,,4,',
]
write("survey_surveymonkey.csv", "\n".join(sm) + "\n")

# 3. Qualtrics: ids, question text, ImportId JSON.
q = [
    'StartDate,EndDate,ResponseId,Q1_1,Q1_2,Q2,Q3,Q4',
    'Start Date,End Date,Response ID,How much do you agree? - I feel confident talking with teachers,How much do you agree? - I know where to find resources,What changed for you? (select all),Since joining has the district...,Age',
    '"{""ImportId"":""startDate""}","{""ImportId"":""endDate""}","{""ImportId"":""_recordId""}","{""ImportId"":""QID1_1""}","{""ImportId"":""QID1_2""}","{""ImportId"":""QID2""}","{""ImportId"":""QID3""}","{""ImportId"":""QID4_TEXT""}"',
    '2020-01-10 18:00:00,2020-01-10 18:10:00,R_1,Strongly agree,Agree,"Confidence,Leadership",Improved,34',
    '2020-01-10 18:05:00,2020-01-10 18:12:00,R_2,Agree,Agree,Confidence,Stayed the same,41',
    '2020-01-10 18:07:00,2020-01-10 18:15:00,R_3,Disagree,Strongly agree,"Leadership,Understanding the school system",Improved,29',
    '2020-01-11 09:00:00,2020-01-11 09:05:00,R_4,Strongly disagree,Disagree,,Got worse,52',
]
write("survey_qualtrics.csv", "\n".join(q) + "\n")

# 4. Problems: unknown labels, out-of-range codes, missing tokens, text in a number column, ragged rows.
p = [
    "# hand-written fixture: problems an import must report (line numbers count this line)",
    "id,I know resources,Rating 1-5,Age,Attended",
    "1,Agree,5,34,Yes",
    "2,Agreee,4,41,No",
    "3,N/A,7,forty,Yes",
    "4,Prefer not to say,3,38",
    "5,Strongly agree,2,29,Yes,extra",
    "6,Agreee,1,33,No",
    "7,No sé,0,27,Yes",
    "8,Disagree,,45,Yes",
    "9,Agree,3,50,No",
    "10,Strongly agree,4,31,Yes",
    "11,Disagree,5,36,Yes",
    "12,Agree,2,40,No",
    "13,Strongly disagree,1,39,Yes",
]
write("survey_problems.csv", "\n".join(p) + "\n")

# 5. Pre/post in long format: the same ids in two waves.
pp = ["Participant ID,Wave,I feel confident talking with teachers,Hours"]
data = [("A1", "Disagree", "Agree"), ("A2", "Agree", "Strongly agree"), ("A3", "Disagree", "Disagree"),
        ("A4", "Strongly disagree", "Agree"), ("A5", "Agree", "Agree"), ("A6", "Disagree", "Strongly agree")]
for i, (pid, pre, post) in enumerate(data):
    pp.append(f"{pid},pre,{pre},{i}")
for i, (pid, pre, post) in enumerate(data):
    pp.append(f"{pid},post,{post},{i + 2}")
pp.append("A7,post,Agree,1")  # no pretest
write("survey_prepost.csv", "\n".join(pp) + "\n")
