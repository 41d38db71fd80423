//! The funder's systems-change condition scoring: rubrics (FSG's six conditions plus
//! Alianza's community-led ones), review rounds, calibration, agreement, ranking and budgets.
