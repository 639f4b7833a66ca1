-- Issue 14: energy and the household analyses need to know how much of a bucket was measured,
-- so that a plug that was silent for an hour is counted as missing, not as its last value.
-- Every rollup coarser than a minute gets the number of its minutes that hold a reading (a
-- minute row exists exactly when one was stored), and a quarter-hour level joins minute, hour
-- and day: its buckets tile every time zone's local days (each zone's offset is a multiple of
-- 15 minutes), so local-time analyses over weeks read it instead of 15 times as many minutes.
ALTER TABLE reading_hour ADD COLUMN minutes integer NOT NULL DEFAULT 0;
ALTER TABLE reading_day ADD COLUMN minutes integer NOT NULL DEFAULT 0;
CREATE TABLE reading_quarter (LIKE reading_hour INCLUDING ALL);

INSERT INTO reading_quarter (series_id, bucket, n, sum, min, max, minutes)
SELECT series_id, date_bin('15 minutes', bucket, timestamptz '1970-01-01 00:00:00+00'), sum(n), sum(sum), min(min), max(max),
       count(*)
FROM reading_minute GROUP BY 1, 2;

UPDATE reading_hour h SET minutes = q.minutes
FROM (SELECT series_id, date_bin('1 hour', bucket, timestamptz '1970-01-01 00:00:00+00') AS bucket, sum(minutes) AS minutes
      FROM reading_quarter GROUP BY 1, 2) q
WHERE h.series_id = q.series_id AND h.bucket = q.bucket;

UPDATE reading_day d SET minutes = h.minutes
FROM (SELECT series_id, date_bin('1 day', bucket, timestamptz '1970-01-01 00:00:00+00') AS bucket, sum(minutes) AS minutes
      FROM reading_hour GROUP BY 1, 2) h
WHERE d.series_id = h.series_id AND d.bucket = h.bucket;
