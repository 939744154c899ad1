-- geograph: GDELT events per directed pair of countries and month, for `geograph ingest aggregates`.
--
-- One row per (Actor1CountryCode, Actor2CountryCode, month), with exactly the columns that
-- `geograph ingest gdelt --aggregates` writes:
--
--   source, target    CAMEO country codes of Actor1 and Actor2 (not yet mapped to actors: the
--                     ingest maps them, and drops regional codes such as EUR, WST, CAU)
--   period            the month of SQLDATE, YYYY-MM (the ingest rolls months up into quarters or years)
--   events            number of events
--   goldstein_sum, goldstein_mean     sum and mean of GoldsteinScale
--   quad1 .. quad4    events by QuadClass: 1 verbal cooperation, 2 material cooperation,
--                     3 verbal conflict, 4 material conflict
--   mentions          sum of NumMentions
--   tone_mean         mean of AvgTone
--
-- Rows without both country codes, and rows that give the same code twice, are left out.
--
-- The query reads a table named `events` with GDELT's own column names and uses only what
-- BigQuery (GoogleSQL) and Spark SQL share: WITH, CASE, COUNT, SUM, AVG, SUBSTR, CONCAT and
-- CAST(... AS STRING). It runs unchanged on both; only the way `events` is found differs.
--
-- BigQuery (GDELT is hosted there, free to query within the monthly free tier; you pay for the
-- bytes of the 8 columns read): make `gdelt-bq.gdeltv2` (GDELT 2.0, 2015 on) the default dataset,
-- or `gdelt-bq.full` for GDELT 1.0 (1979 on).
--
--   bq --dataset_id=gdelt-bq:gdeltv2 query --use_legacy_sql=false --format=csv --max_rows=100000000 \
--       < gdelt_aggregate.sql > gdelt_months.csv
--
-- In the console, run `SET @@dataset_project_id = 'gdelt-bq'; SET @@dataset_id = 'gdeltv2';`
-- before it. For large results save to a table (`--destination_table mydataset.gdelt_months`) and
-- export it with `bq extract --destination_format=CSV mydataset.gdelt_months 'gs://bucket/months-*.csv'`:
-- `geograph ingest aggregates` takes all the shards at once and adds rows of the same pair and
-- month. GDELT 1.0 and 2.0 overlap from February 2015: do not feed both for the same months.
--
-- Spark SQL: register the GDELT files as a view named `events`, typing the columns used, then run
-- this file (the column names come from graph.ingest.gdelt_columns):
--
--   from graph.ingest import gdelt_columns, aggregate_sql
--   raw = spark.read.csv("gdelt/*.export.CSV", sep="\t", header=False).toDF(*gdelt_columns(61))
--   raw.selectExpr("CAST(SQLDATE AS INT) AS SQLDATE", "Actor1CountryCode", "Actor2CountryCode",
--                  "CAST(QuadClass AS INT) AS QuadClass", "CAST(GoldsteinScale AS DOUBLE) AS GoldsteinScale",
--                  "CAST(NumMentions AS INT) AS NumMentions", "CAST(AvgTone AS DOUBLE) AS AvgTone",
--                  "CAST(IsRootEvent AS INT) AS IsRootEvent").createOrReplaceTempView("events")
--   spark.sql(aggregate_sql()).coalesce(1).write.csv("gdelt_months", header=True)
--
-- Root events only (`--root-only` of `geograph ingest gdelt`): add `AND IsRootEvent = 1` to the
-- WHERE clause; that is the one edit the query needs for it.

WITH dyads AS (
  SELECT
    Actor1CountryCode AS source,
    Actor2CountryCode AS target,
    CONCAT(SUBSTR(CAST(SQLDATE AS STRING), 1, 4), '-', SUBSTR(CAST(SQLDATE AS STRING), 5, 2)) AS period,
    GoldsteinScale,
    QuadClass,
    NumMentions,
    AvgTone
  FROM events
  WHERE Actor1CountryCode IS NOT NULL AND Actor1CountryCode <> ''
    AND Actor2CountryCode IS NOT NULL AND Actor2CountryCode <> ''
    AND Actor1CountryCode <> Actor2CountryCode
)
SELECT
  source,
  target,
  period,
  COUNT(*) AS events,
  SUM(GoldsteinScale) AS goldstein_sum,
  AVG(GoldsteinScale) AS goldstein_mean,
  SUM(CASE WHEN QuadClass = 1 THEN 1 ELSE 0 END) AS quad1,
  SUM(CASE WHEN QuadClass = 2 THEN 1 ELSE 0 END) AS quad2,
  SUM(CASE WHEN QuadClass = 3 THEN 1 ELSE 0 END) AS quad3,
  SUM(CASE WHEN QuadClass = 4 THEN 1 ELSE 0 END) AS quad4,
  SUM(NumMentions) AS mentions,
  AVG(AvgTone) AS tone_mean
FROM dyads
GROUP BY source, target, period
ORDER BY source, target, period
