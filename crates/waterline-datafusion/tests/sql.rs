//! The functions from SQL: results, nulls and non-answer codes, and stated errors for a scale
//! that is not one.

use datafusion::arrow::array::{Array, AsArray, Float64Array, UInt64Array};
use datafusion::prelude::SessionContext;
use waterline_datafusion::register_waterline;

const DATA: &str = "(VALUES ('4'), ('5'), (' 1 '), (NULL), ('9'), (''), ('4')) AS t(x)";

#[tokio::test]
async fn share_mean_and_counts_from_sql() {
    let ctx = SessionContext::new();
    register_waterline(&ctx);
    let sql = format!(
        "SELECT wl_share(x, '1,2,3,4,5', '4,5') AS s, wl_mean(x, '1,2,3,4,5') AS m, \
         wl_counts(x, '1,2,3,4,5') AS c FROM {DATA}"
    );
    let batches = ctx.sql(&sql).await.unwrap().collect().await.unwrap();
    let b = &batches[0];
    let s = b.column(0).as_struct();
    let u = |name: &str| {
        s.column_by_name(name)
            .unwrap()
            .as_any()
            .downcast_ref::<UInt64Array>()
            .unwrap()
            .value(0)
    };
    let f = |name: &str| {
        s.column_by_name(name)
            .unwrap()
            .as_any()
            .downcast_ref::<Float64Array>()
            .unwrap()
            .value(0)
    };
    // Points: 4, 5, 1, 4 (null, empty and the non-answer 9 are no point).
    assert_eq!((u("n"), u("count")), (4, 3));
    let w = waterline::stats::wilson(3.0, 4.0, 0.95).unwrap();
    assert_eq!(
        (f("share"), f("lower"), f("upper")),
        (w.estimate, w.lower, w.upper)
    );
    let m = b.column(1).as_struct();
    let mean = m
        .column_by_name("mean")
        .unwrap()
        .as_any()
        .downcast_ref::<Float64Array>()
        .unwrap();
    assert_eq!(mean.value(0), 3.5);
    let c = b.column(2).as_list::<i32>().value(0);
    let c = c.as_any().downcast_ref::<UInt64Array>().unwrap();
    assert_eq!(c.values().to_vec(), vec![1, 0, 0, 2, 1]);
    assert_eq!(c.len(), 5);
}

#[tokio::test]
async fn a_scale_that_is_not_one_is_a_stated_error() {
    let ctx = SessionContext::new();
    register_waterline(&ctx);
    for (sql, says) in [
        (
            format!("SELECT wl_counts(x, 'a,b') FROM {DATA}"),
            "not code=value",
        ),
        (
            format!("SELECT wl_counts(x, '1,1') FROM {DATA}"),
            "repeats the code",
        ),
        (
            format!("SELECT wl_share(x, '1,2', '3') FROM {DATA}"),
            "not a point of the scale",
        ),
        (
            format!("SELECT wl_counts(x, x) FROM {DATA}"),
            "must be a text literal",
        ),
    ] {
        let r = match ctx.sql(&sql).await {
            Ok(df) => df.collect().await.map(|_| ()),
            Err(e) => Err(e),
        };
        let e = r.unwrap_err().to_string();
        assert!(e.contains(says), "{sql}: {e}");
    }
}

/// `wl_scale` from SQL: the listwise complete rows (a null, an empty cell or the non-answer 9
/// drops the row), a reversed item written with flipped values, Cronbach's alpha and the scale
/// mean of the core on the same complete rows; and its stated errors.
#[tokio::test]
async fn scale_from_sql_is_the_core_alpha_of_the_complete_rows() {
    let ctx = SessionContext::new();
    register_waterline(&ctx);
    let data = "(VALUES ('4','5','2'), ('2','2','4'), ('5','4','1'), ('3','3','3'), \
                ('1','2','5'), (NULL,'3','3'), ('4','9','2'), ('4','4','')) AS t(a, b, c)";
    let sql = format!(
        "SELECT wl_scale(a, b, c, '1,2,3,4,5;1,2,3,4,5;1=5,2=4,3=3,4=2,5=1') AS s FROM {data}"
    );
    let batches = ctx.sql(&sql).await.unwrap().collect().await.unwrap();
    let s = batches[0].column(0).as_struct();
    let f = |name: &str| {
        let a = s.column_by_name(name).unwrap();
        a.as_any().downcast_ref::<Float64Array>().unwrap().value(0)
    };
    let u = |name: &str| {
        let a = s.column_by_name(name).unwrap();
        a.as_any().downcast_ref::<UInt64Array>().unwrap().value(0)
    };
    assert_eq!((u("n"), u("excluded")), (5, 3));
    // The complete rows, c reversed (6 − c).
    let m = [
        4.0, 5.0, 4.0, 2.0, 2.0, 2.0, 5.0, 4.0, 5.0, 3.0, 3.0, 3.0, 1.0, 2.0, 1.0,
    ];
    let a =
        waterline::stats::cronbach_alpha(&m, 3, &waterline::stats::AlphaOptions { level: 0.95 })
            .unwrap();
    assert_eq!(
        (f("alpha"), f("alpha_lower"), f("alpha_upper")),
        (a.alpha, a.lower, a.upper)
    );
    let scores: Vec<f64> = m.chunks(3).map(|r| r.iter().sum::<f64>() / 3.0).collect();
    assert!((f("mean") - scores.iter().sum::<f64>() / 5.0).abs() < 1e-15);
    for (sql, says) in [
        (
            format!("SELECT wl_scale(a, b, c, '1,2;1,2') FROM {data}"),
            "2 scales for 3 items",
        ),
        (
            format!("SELECT wl_scale(a, b, c) FROM {data}"),
            "must be a text literal",
        ),
        (
            format!("SELECT wl_scale(a, b, '1=1e200,2=2') FROM {data}"),
            "beyond ±1e100",
        ),
    ] {
        let r = match ctx.sql(&sql).await {
            Ok(df) => df.collect().await.map(|_| ()),
            Err(e) => Err(e),
        };
        let e = r.unwrap_err().to_string();
        assert!(e.contains(says), "{sql}: {e}");
    }
}

/// `wl_texts`: rows per distinct cell text (nulls not counted), merged across partitions.
#[tokio::test]
async fn texts_counts_each_distinct_cell() {
    let config = datafusion::prelude::SessionConfig::new().with_target_partitions(3);
    let ctx = SessionContext::new_with_config(config);
    register_waterline(&ctx);
    let sql = format!("SELECT wl_texts(x) AS t FROM {DATA}");
    let batches = ctx.sql(&sql).await.unwrap().collect().await.unwrap();
    let counts = waterline_datafusion::texts::read(batches[0].column(0).as_ref(), 0);
    let want: std::collections::HashMap<String, u64> =
        [("4", 2), ("5", 1), (" 1 ", 1), ("9", 1), ("", 1)]
            .into_iter()
            .map(|(k, n)| (k.to_string(), n))
            .collect();
    assert_eq!(counts, want);
}
