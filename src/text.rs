//! Bilingual text and the language enum shared by every area (survey instruments, rubrics,
//! logic models). Neutral core: no area and no JavaScript depends on anything here but serde.
//!
//! A [`Text`] always carries both languages as strings; an empty (or blank) string means "not
//! translated", and [`Text::get`] then falls back to the other language. For files written
//! before this type was shared, `"es": null` (the logic-model form) and a missing `"es"` decode
//! as an empty string.

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

/// A language of user-facing text. Serialized as `"en"` / `"es"` (snake_case, like every enum
/// value at the boundary).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// English (the default).
    #[default]
    En,
    /// Spanish.
    Es,
}

impl Lang {
    /// The other language (the fallback of [`Text::get`]).
    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Es,
            Lang::Es => Lang::En,
        }
    }
}

/// A text in English and Spanish; either may be empty when unknown.
#[derive(Debug, Clone, PartialEq, Eq, Default, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// English text.
    #[serde(default, deserialize_with = "string_or_null")]
    #[cfg_attr(test, ts(as = "Option<String>", optional = nullable))]
    pub en: String,
    /// Spanish text.
    #[serde(default, deserialize_with = "string_or_null")]
    #[cfg_attr(test, ts(as = "Option<String>", optional = nullable))]
    pub es: String,
}

/// Reads a string, taking `null` as the empty string (older logic-model files).
fn string_or_null<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(d)?.unwrap_or_default())
}

/// Reads an optional [`Text`] that older files wrote as a plain string (taken as English), e.g.
/// an indicator's unit (`"parents"` then, `{"en": "parents", "es": "madres y padres"}` now).
/// A visitor rather than an untagged enum, so that an error inside the object keeps its path.
pub fn opt_text_or_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Text>, D::Error> {
    struct Loose;
    impl<'de> Visitor<'de> for Loose {
        type Value = Option<Text>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a text {en, es}, a string or null")
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
            d.deserialize_any(self)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Some(Text::en(v)))
        }
        fn visit_map<M: de::MapAccess<'de>>(self, map: M) -> Result<Self::Value, M::Error> {
            Text::deserialize(de::value::MapAccessDeserializer::new(map)).map(Some)
        }
    }
    d.deserialize_option(Loose)
}

impl Text {
    /// A text from its English and Spanish forms.
    pub fn new(en: impl Into<String>, es: impl Into<String>) -> Self {
        Text {
            en: en.into(),
            es: es.into(),
        }
    }

    /// English-only text (Spanish not translated yet).
    pub fn en(en: impl Into<String>) -> Self {
        Text::new(en, "")
    }

    /// The text exactly as written in `lang` (possibly empty).
    pub fn raw(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Es => &self.es,
        }
    }

    /// Whether `lang` has a non-blank text.
    pub fn has(&self, lang: Lang) -> bool {
        !self.raw(lang).trim().is_empty()
    }

    /// The text in `lang`, falling back to the other language when blank.
    pub fn get(&self, lang: Lang) -> &str {
        self.pick(lang).0
    }

    /// The text in `lang` (falling back to the other language when blank) and the language it
    /// is actually in, so a page can mark a fallback with its own `lang` attribute.
    pub fn pick(&self, lang: Lang) -> (&str, Lang) {
        if self.has(lang) || !self.has(lang.other()) {
            (self.raw(lang), lang)
        } else {
            (self.raw(lang.other()), lang.other())
        }
    }

    /// The Spanish text, `None` when not translated (blank).
    pub fn es_opt(&self) -> Option<&str> {
        self.has(Lang::Es).then_some(self.es.as_str())
    }

    /// Whether both languages are blank.
    pub fn is_empty(&self) -> bool {
        !self.has(Lang::En) && !self.has(Lang::Es)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn get_falls_back_to_the_other_language_when_blank() {
        let t = Text::en("Inputs");
        assert_eq!(t.get(Lang::Es), "Inputs");
        assert_eq!(t.pick(Lang::Es), ("Inputs", Lang::En));
        let t = Text::new("  ", "Insumos");
        assert_eq!(t.pick(Lang::En), ("Insumos", Lang::Es));
        let t = Text::new("Inputs", "Insumos");
        assert_eq!(t.get(Lang::Es), "Insumos");
        assert_eq!(t.get(Lang::En), "Inputs");
        assert!(Text::default().is_empty());
        assert_eq!(Text::default().pick(Lang::Es), ("", Lang::Es));
    }

    #[test]
    fn null_and_missing_spanish_decode_as_empty() {
        let t: Text = serde_json::from_str(r#"{"en":"Demo","es":null}"#).unwrap();
        assert_eq!(t, Text::en("Demo"));
        let t: Text = serde_json::from_str(r#"{"en":"Demo"}"#).unwrap();
        assert_eq!(t.es_opt(), None);
        assert!(serde_json::from_str::<Text>(r#"{"en":"a","fr":"b"}"#).is_err());
        assert_eq!(serde_json::to_string(&Lang::Es).unwrap(), r#""es""#);
    }

    #[test]
    fn a_plain_string_reads_as_english_where_files_used_one() {
        #[derive(Deserialize)]
        struct Unit {
            #[serde(default, deserialize_with = "opt_text_or_string")]
            unit: Option<Text>,
        }
        let old: Unit = serde_json::from_str(r#"{"unit":"parents"}"#).unwrap();
        assert_eq!(old.unit, Some(Text::en("parents")));
        let new: Unit =
            serde_json::from_str(r#"{"unit":{"en":"parents","es":"familias"}}"#).unwrap();
        assert_eq!(new.unit, Some(Text::new("parents", "familias")));
        let none: Unit = serde_json::from_str(r#"{"unit":null}"#).unwrap();
        assert_eq!(none.unit, None);
    }
}
