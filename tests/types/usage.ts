// Type-checked by `tsc --noEmit` in `make test`: touches every export of pkg/ with the types
// a user would write, so a binding that degrades to `any` or changes shape fails the build.
import init, * as waterline from '../../pkg/waterline.js';
import type {
  StatsMethod,
  ProportionInterval, WaterlineError, McNemar, SignedRankTest, PairedT, TwoProportions, MannWhitney,
  ChiSquareTest, GoodnessOfFit, CronbachAlpha, Omega, AdjustedPValues, SampleSize, Power,
  IccResult, KrippendorffAlpha, CohensKappa, FleissKappa, Correlation, KruskalWallis, AlphaMetric,
  SurveyMapping, SurveyImportSummary, SurveyReport, SurveySensitivityRow, ErrorCode, ErrorDetail,
  WeightedMean, SurveyWeighting, RakeResult,
  Rubric, Round, ScoreColumns, RoundValidation, RoundAnalysis, BootstrapRanks, FundingResult, ReviewsCsv,
  Decision, LineStatus,
  ProposalsCsv, ReviewersCsv, Assignment, AssignedReview,
  ProjectEvidenceMap, ProjectProposalEvidence,
  MethodInfo,
  TocModel, TocEditResult, TocSeriesCsvImport, TocEventsCsvImport, TocDerivedPoint, TocChange, TocValidation, TocSchedule, TocWhatIf, TocProgress, TocLayout, TocExport,
} from '../../pkg/waterline.js';

export async function usage(): Promise<void> {
  await init();
  const v: string = waterline.version();

  const ci: ProportionInterval = waterline.wilson(101, 113, { level: 0.95 });
  const method: string = ci.method; // a union once method tags are enums (#16 vocabulary)
  const bounds: [number, number] = [ci.lower, ci.upper];
  waterline.wilson(1, 2, undefined);
  waterline.wilson(1, 2, null);
  // @ts-expect-error the level is a number, not a string
  waterline.wilson(1, 2, { level: '0.95' });

  const many: Float64Array = waterline.wilsonMany(new Float64Array([1]), new Float64Array([2]), { level: 0.9 });
  const copied: number = waterline.boundaryCopy(new Float64Array(1), new Float64Array(1));

  const before = new Float64Array([1, 2, 3]);
  const after = new Float64Array([2, 3, 5]);
  const mc: McNemar = waterline.mcnemar(4, 12, { level: 0.95, a: 30, d: 67 });
  const exact: StatsMethod = mc.pValueMethod;
  const mcp: McNemar = waterline.mcnemarPairs(before, after);
  const sr: SignedRankTest = waterline.wilcoxonSignedRank(before, after, { zeroMethod: 'pratt', correct: true, exact: null });
  // @ts-expect-error zeroMethod is "wilcox" | "pratt"
  waterline.wilcoxonSignedRank(before, after, { zeroMethod: 'zsplit' });
  const pt: PairedT = waterline.pairedT(before, after, { level: 0.9 });
  const dz: number = pt.cohensDz;
  const tp: TwoProportions = waterline.twoProportions(24, 50, 36, 50, { level: 0.95, correct: false });
  const h: number = tp.cohensH;
  const mw: MannWhitney = waterline.mannWhitney(before, after, { correct: true, exact: null });
  const cs: ChiSquareTest = waterline.chiSquare([[1, 2], [3, 4]], { correct: false });
  const cramer: number = cs.cramersV;
  const gof: GoodnessOfFit = waterline.chiSquareGof(before, new Float64Array([0.2, 0.3, 0.5]));
  console.log(many, copied, exact, mcp, sr, dz, h, mw, cramer, gof);

  // Statistics: t tails, reliability, multiplicity, planning.
  const tails: Float64Array = waterline.tTwoSidedP(new Float64Array([2]), [10]);
  const alpha: CronbachAlpha = waterline.cronbachAlpha(new Float64Array([1, 2, 3, 4, 5, 6]), 3, { level: 0.9 });
  const omega: Omega = waterline.mcdonaldOmega(new Float64Array([1, 2, 3, 4, 5, 6, 2, 2, 4]), 3);
  const omegaTotal: number | null = omega.omegaTotal;
  // Agreement, reliability and association (#19).
  const icc: IccResult = waterline.icc(new Float64Array([1, 2, 2, 3, 4, 4]), 2, { level: 0.9 });
  const metric: AlphaMetric = 'ordinal';
  const ka: KrippendorffAlpha = waterline.krippendorffAlpha(new Float64Array([1, 2, NaN, 1, 3, 2]), 3, { metric, level: 0.9, resamples: 100, seed: 3 });
  const ck: CohensKappa = waterline.cohensKappa([1, 2, 3], [1, 2, 2], { categories: [1, 2, 3], level: 0.95 });
  waterline.cohensKappa([1, 2], [1, 2], { categories: null });
  const fk: FleissKappa = waterline.fleissKappa(new Float64Array([1, 2, 2, 2]), 2);
  const pc: Correlation = waterline.pearsonCorrelation([1, 2, 3, 4], [2, 1, 4, 3], { level: 0.9 });
  const spc: Correlation = waterline.spearmanCorrelation([1, 2, 3, 4], [2, 1, 4, 3], null);
  const kw: KruskalWallis = waterline.kruskalWallis([1, 2, 3, 4], [0, 0, 1, 1]);
  // @ts-expect-error the metric is one of four names
  waterline.krippendorffAlpha(new Float64Array([1, 2]), 1, { metric: 'likert' });
  console.log(icc.forms[1]?.lower, ka.bootstrap?.lower, ck.estimates[2]?.kappa, fk.pValue, pc.lower, spc.interval, kw.pValue);
  const adj: AdjustedPValues = waterline.pAdjust(new Float64Array([0.01, 0.04]), { method: 'bh' });
  const ss1: SampleSize = waterline.sampleSizeTwoProportions(0.48, 0.72, 0.8, { alpha: 0.05 });
  const pw1: Power = waterline.powerTwoProportions(0.48, 0.72, 50);
  const ss2: SampleSize = waterline.sampleSizePairedMeans(0.3, 1, 0.8);
  const pw2: Power = waterline.powerPairedMeans(0.3, 1, 90, { strict: true });
  const ss3: SampleSize = waterline.sampleSizePairedProportions(0.05, 0.45, 0.8);
  const pw3: Power = waterline.powerPairedProportions(0.05, 0.45, 23);
  console.log(tails, alpha.alpha, adj.adjusted, ss1.n, pw1, ss2, pw2, ss3, pw3);

  // Distributions in bulk and power for independent groups (#19).
  const cdf: Float64Array = waterline.distNormal(new Float64Array([-1.96, 37]), { what: 'sf' });
  const qt: Float64Array = waterline.distStudentT([0.975], 12, { what: 'quantile' });
  const qc: Float64Array = waterline.distChiSquare(new Float64Array([0.05]), 1, { what: 'isf' });
  const pf: Float64Array = waterline.distF(new Float64Array([3.5]), 2, 30);
  const pb: Float64Array = waterline.distBinomial(new Float64Array([3]), 10, 0.2, { what: 'cdf' });
  const ss4: SampleSize = waterline.sampleSizeTwoMeans(0.5, 1, 0.8, { alternative: 'two_sided' });
  const pw4: Power = waterline.powerTwoMeans(0.5, 1, 64);
  const ss5: SampleSize = waterline.sampleSizeRankSum(0.5, 1, 0.8);
  const pw5: Power = waterline.powerRankSum(0.5, 1, 67, { strict: true });
  const ss6: SampleSize = waterline.sampleSizeOneProportion(0.65, 0.5, 0.8);
  const pw6: Power = waterline.powerOneProportion(0.65, 0.5, 100, null);
  const pm: StatsMethod = pw6.method;
  console.log(cdf, qt, qc, pf, pb, ss4.n, pw4.power, ss5, pw5, ss6, pm);

  // Survey domain.
  const survey = new waterline.Survey(waterline.exampleSurveyCsv(), undefined);
  const mapping: SurveyMapping = survey.mapping();
  survey.setMapping(mapping);
  const issues: SurveyImportSummary = survey.issues();
  const report: SurveyReport = survey.report({ level: 0.95, adjust: 'holm', minCell: 10, zeroMethod: 'pratt' });
  const sentence: string = report.items[0].sentence.es;
  const fromBytes = waterline.Survey.fromBytes(new TextEncoder().encode(waterline.exampleStaffCsv()), { encoding: 'utf-8', duplicates: 'keep_first' });
  fromBytes.setDuplicates('drop_all');
  const enc: string = fromBytes.issues().encoding.name;
  const textEntry: boolean = fromBytes.issues().headers[0].textEntry;
  fromBytes.free();
  console.log(enc, textEntry);

  // Survey weights (#19).
  const ws: WeightedMean = waterline.weightedShare([1, 0, 1], new Float64Array([1, 2, 0.5]), { level: 0.9, interval: 'korn_graubard' });
  const wm: WeightedMean = waterline.weightedMean([3, 4, 5], [1, 1, 2], null);
  const wd: WeightedMean = waterline.weightedShift([0, 1], [1, 1], [1, 2]);
  const weighting: SurveyWeighting | null = report.weighting;
  const raked: RakeResult = waterline.rake([['a', 'b', 'b']], [{ a: 0.5, b: 0.5 }], { scale: 'shares', weights: [1, 1, 2], tolerance: 1e-8, maxIterations: 20 });
  console.log(raked.weights[0], raked.nEff, raked.iterations);
  const itemDeff: number | null = report.items[0].deffKish;
  console.log(ws.nEff, wm.deff, wd.se, weighting?.nEff, itemDeff, report.items[0].weighted, report.shifts[0]?.weightedShift?.estimate);
  mapping.weight = null;
  mapping.raking = { margins: [{ column: 'c0', targets: { a: 0.5, b: 0.5 } }], scale: 'shares', tolerance: 1e-6, maxIterations: 50 };
  const book: string = survey.codebook();
  survey.setCodebook(book);
  survey.setCodebook(new TextEncoder().encode(book));
  const notices: string[] = report.notices.map((n) => n.code);
  const proposals: number = mapping.instrument.items?.[0]?.proposals?.length ?? 0;
  console.log(notices, proposals);
  const staff: string = waterline.exampleStaffCsv();
  const sens: SurveySensitivityRow[] = waterline.waveSensitivity(0.48, 0.72, { sizes: [50, 100] });
  survey.free();
  console.log(issues.rows, sentence, staff.length, sens);

  // Review rounds.
  const rubric: Rubric = waterline.defaultRubric();
  const checked: Rubric = waterline.validateRubric(rubric);
  const edited: Rubric = waterline.editRubric(checked, { op: 'reweight', id: 'power-dynamics', weight: 2 });
  const round: Round = waterline.exampleRound();
  const rv: RoundValidation = waterline.validateRound(edited, round);
  const ra: RoundAnalysis = waterline.analyzeRound(edited, round, { level: 0.95 });
  const columns: ScoreColumns = {
    reviewerIds: ['r1'], proposalIds: ['p01'], conditionIds: ['policies'],
    reviewer: new Uint32Array([0]), proposal: [0], condition: new Uint32Array([0]), value: new Float64Array([3]),
  };
  waterline.analyzeRound(edited, { ...round, scores: [], scoreColumns: columns }, undefined);
  const rank: number | null | undefined = ra.ranks.calibrated[0];
  const br: BootstrapRanks = waterline.bootstrapRanks(edited, round, { resamples: 100, seed: 1, topK: 3 });
  const fr: FundingResult = waterline.fundWithinBudget(edited, round, { budget: 500_000, partial: true });
  const rc: ReviewsCsv = waterline.parseReviewsCsv(edited, 'reviewer,proposal,policies\n');
  console.log(rv.valid, ra.warnings, br.proposals, fr.optimal, rc.errors);
  // Decision rules side by side (#20).
  const dec: Decision = waterline.decideFunding(edited, round, {
    budget: 800_000, seed: 42, resamples: 200, bandLevel: 0.5, calibrated: false,
    constraints: [{ attribute: 'applicant', maxShare: 0.5, of: 'awards' }],
  });
  const band: string[] = dec.audit.band;
  const line: LineStatus = dec.proposals[0].line;
  console.log(band, line, dec.fundingLine.funded, dec.maxScore.constraints, dec.lottery.totalFunded);

  // Round setup (#20).
  const pcsv: ProposalsCsv = waterline.parseProposalsCsv('id,title,requested amount\np1,A,1000\n');
  const rvc: ReviewersCsv = waterline.parseReviewersCsv('id,name,conflicts\nr1,Ana,p1\n', ['p1']);
  waterline.parseReviewersCsv('id\nr1\n', null);
  const asg: Assignment = waterline.assignReviewers(round, { reviewsPerProposal: 2, maxLoad: null, seed: 1 });
  const todo: AssignedReview[] = asg.reviews;
  const template: string = waterline.reviewTemplateCsv(edited, round, todo, 'es');
  waterline.editRubric(edited, { op: 'describe', id: 'policies', value: 4, description: { en: 'x', es: 'y' } });
  console.log(pcsv.proposals[0]?.attributes, rvc.conflicts, asg.connected, asg.loads[0]?.load, template.length);

  // Logic models.
  const pass: TocModel = waterline.examplePassModel();
  const alianza: TocModel = waterline.exampleAlianzaModel();
  const parsed: TocModel = waterline.parseModel(JSON.stringify(alianza));
  const tv: TocValidation = waterline.validateModel(pass);
  const ts: TocSchedule = waterline.scheduleModel(pass, { start: null });
  const tw: TocWhatIf = waterline.whatIf(pass, { goalId: 'g6', delayDays: 30 });
  const tpg: TocProgress = waterline.progress(pass, { asOf: '2022-06-30' });
  const tl: TocLayout = waterline.layoutModel(pass);
  const te: TocExport = waterline.exportModel(pass, { format: 'dot', lang: 'es' });
  const lm = new waterline.LogicModel(parsed);
  const lmv: TocValidation = lm.validate();
  const lmf: TocValidation = lm.validateFor(['policies', 'practices']);
  const added: TocEditResult = waterline.tocEdit(pass, { op: 'add', kind: 'indicator', near: 'out_cohort' });
  const removed: TocEditResult = waterline.tocEdit(added.model, { op: 'remove', kind: 'output', index: 0 });
  waterline.tocEdit(removed.model, { op: 'rename', kind: 'goal', index: 0, to: 'g_start' });
  for (const e of removed.effects) if (e.effect === 'link_removed') console.log(e.from, e.to);
  waterline.checkReportOptions({ level: 0.9, adjust: 'bh', minCell: 5 });
  console.log(rank, lmf.valid, added.id);
  const lms: TocSchedule = lm.schedule(null);
  const dp: TocDerivedPoint[] | null = lm.derivedSeries('ind_susp_gap');
  const ch: TocChange = lm.seriesChange('ind_staff_beliefs', '2014-15', '2017-18', null);
  console.log(dp?.[0]?.from, ch.noInterval, lm.defaultAsOf());
  lm.free();
  const sc: TocSeriesCsvImport = waterline.importSeriesCsv('entity,year,rate\nA,2013-14,10\n');
  const ec: TocEventsCsvImport = waterline.importEventsCsv(alianza, 'date,kind,title_en\n2014,milestone,A\n');
  console.log(ec.events[0]?.id, ec.nSkipped, ec.issues.map((i) => [i.code, i.row, i.column, i.value]));
  console.log(sc.series[0]?.points[0]?.period, sc.issues.map((i) => [i.row, i.column]), ts.criticalChains, ts.goals[0]?.dateNote, alianza.events);
  console.log(tv.valid, ts.criticalPath, tw.moved, tpg.program, tl.nodes.length, te.text, lmv, lms);
  // Projects (#18): the evidence map, and a proposal beside its linked model's evidence.
  const em: ProjectEvidenceMap = waterline.evidenceMap({ models: [alianza], surveys: [], rubric: null });
  const pe: ProjectProposalEvidence = waterline.proposalEvidence({ models: [alianza] }, waterline.exampleRound(null), 'p01');
  console.log(em.conditions[0]?.outcomes[0]?.indicators[0]?.grade, em.gaps.outcomes[0]?.id, pe.conditions[0]?.verdict);
  waterline.start();

  try {
    waterline.wilson(120, 113, {});
  } catch (e) {
    const err = e as WaterlineError;
    const code: ErrorCode = err.code;
    const details: Record<string, ErrorDetail> = err.details;
    console.log(code, details, v, method, bounds);
  }
}

// ---- #19 (props): one and two proportions, Fisher, paired yes/no, t-tests, effect sizes ----
import type {
  OneProportion, IntervalMethod, BinomTest, ProportionComparison, FisherExact, PairedProportions,
  TTest, TTestMethod, IndependentEffects, PairedEffects, EstimateInterval,
} from '../../pkg/waterline.js';

export function statsMoreUsage(): void {
  const m: IntervalMethod = 'clopper_pearson';
  const one: OneProportion = waterline.proportionInterval(7, 20, { method: m, level: 0.9 });
  const bt: BinomTest = waterline.binomTest(12, 25, { p0: 0.3, alternative: 'less', level: 0.95 });
  const cp: ProportionComparison = waterline.compareProportions(15, 40, 8, 42, { level: 0.95 });
  const rr: EstimateInterval | null = cp.riskRatio;
  const fe: FisherExact = waterline.fisherExact([[3, 1, 2], [1, 3, 4]], null);
  const pp: PairedProportions = waterline.pairedProportions(20, 3, 12, 15);
  const x = new Float64Array([5, 6, 7, 9]);
  const y = new Float64Array([3, 4, 6]);
  const t1: TTest = waterline.oneSampleT(x, { mu: 3 });
  const t2: TTest = waterline.twoSampleT(x, y, { varEqual: true, level: 0.9, mu: 0 });
  const tm: TTestMethod = t2.method;
  const d: IndependentEffects = waterline.cohensD(x, y, { level: 0.9 });
  const pe: PairedEffects = waterline.pairedEffects(x, new Float64Array([6, 6, 8, 9]));
  const adj = waterline.pAdjust(x, { method: 'hommel' });
  console.log(one.upper, bt.pValue, rr?.lower, cp.warnings, fe.oddsRatio, pp.pMid, t1.df, tm,
    d.hedgesG.lower, pe.gav.estimate, adj.method);
}

// Method cards (issue 18): the citation and R call of a method tag, or null for an unknown tag.
export function methodCards(): void {
  const info: MethodInfo | null = waterline.methodInfo('wilson');
  const rCall: string | null | undefined = info?.rCall;
  const area: string | undefined = info?.area;
  console.log(info?.method, info?.paper, rCall, area, waterline.methodInfo('not_a_method'));
}
