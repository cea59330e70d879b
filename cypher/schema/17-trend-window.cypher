// The trending field reads the precomputed list of one window (src/derived/trends.ts).
CREATE INDEX trend_window IF NOT EXISTS FOR (t:Trend) ON (t.window)
