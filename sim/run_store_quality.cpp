#include "sim/run_store_quality.hpp"

namespace finlab::sim {

std::string quality_tables_sql() {
  return "CREATE TABLE sim_run_buckets (\n"
         "  run_id INTEGER NOT NULL REFERENCES sim_runs(run_id) ON DELETE CASCADE,\n"
         "  month INTEGER NOT NULL,\n"
         "  bucket INTEGER NOT NULL,\n"  // 0 = current, k = Mk
         "  loans INTEGER NOT NULL,\n"
         "  outstanding_fen INTEGER NOT NULL,\n"
         "  PRIMARY KEY (run_id, month, bucket)\n"
         ");\n"
         "CREATE TABLE sim_run_rolls (\n"
         "  run_id INTEGER NOT NULL REFERENCES sim_runs(run_id) ON DELETE CASCADE,\n"
         "  month INTEGER NOT NULL,\n"
         "  from_bucket INTEGER NOT NULL,\n"
         "  to_state INTEGER NOT NULL,\n"  // 0..12 bucket, 13 paid off, 14 charged off
         "  loans INTEGER NOT NULL,\n"
         "  PRIMARY KEY (run_id, month, from_bucket, to_state)\n"
         ");\n"
         "CREATE TABLE sim_run_vintage_quality (\n"
         "  run_id INTEGER NOT NULL REFERENCES sim_runs(run_id) ON DELETE CASCADE,\n"
         "  orig_month INTEGER NOT NULL,\n"
         "  mob INTEGER NOT NULL,\n"
         "  new_bad90_loans INTEGER NOT NULL,\n"
         "  new_bad90_fen INTEGER NOT NULL,\n"
         "  m3p_fen INTEGER NOT NULL,\n"
         "  chargeoff_fen INTEGER NOT NULL,\n"
         "  PRIMARY KEY (run_id, orig_month, mob)\n"
         ");\n"
         "CREATE TABLE sim_run_fpd (\n"
         "  run_id INTEGER NOT NULL REFERENCES sim_runs(run_id) ON DELETE CASCADE,\n"
         "  orig_month INTEGER NOT NULL,\n"
         "  first_due INTEGER NOT NULL,\n"
         "  fpd7 INTEGER NOT NULL,\n"
         "  fpd30 INTEGER NOT NULL,\n"
         "  PRIMARY KEY (run_id, orig_month)\n"
         ");\n";
}

void write_quality_rows(store::Database& db, std::int64_t run_id, const RunAcc& acc) {
  const int M = acc.months;
  {
    auto st = db.prepare("INSERT INTO sim_run_buckets (run_id, month, bucket, loans, outstanding_fen) VALUES (?1, ?2, ?3, ?4, ?5)");
    for (int m = 0; m < M; ++m) {
      for (int k = 0; k < kBuckets; ++k) {
        const MonthAcc& a = acc.month[m];
        if (a.bucket_count[k] == 0 && a.bucket_fen[k] == 0) continue;
        st.bind(1, run_id).bind(2, std::int64_t(m)).bind(3, std::int64_t(k)).bind(4, a.bucket_count[k]).bind(5, a.bucket_fen[k]);
        st.step();
        st.reset();
      }
    }
  }
  {
    auto st = db.prepare("INSERT INTO sim_run_rolls (run_id, month, from_bucket, to_state, loans) VALUES (?1, ?2, ?3, ?4, ?5)");
    for (int m = 0; m < M; ++m) {
      for (int k = 0; k < kBuckets * kRollTo; ++k) {
        const std::int64_t n = acc.month[m].roll[static_cast<std::size_t>(k)];
        if (n == 0) continue;
        st.bind(1, run_id).bind(2, std::int64_t(m)).bind(3, std::int64_t(k / kRollTo)).bind(4, std::int64_t(k % kRollTo)).bind(5, n);
        st.step();
        st.reset();
      }
    }
  }
  {
    auto st = db.prepare(
        "INSERT INTO sim_run_vintage_quality (run_id, orig_month, mob, new_bad90_loans, new_bad90_fen, m3p_fen, chargeoff_fen) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    for (int o = 0; o < M; ++o) {
      for (int mob = 0; mob <= M; ++mob) {
        const std::size_t i = std::size_t(o) * (M + 1) + mob;
        if (acc.vintage_bad90_count[i] == 0 && acc.vintage_bad90_fen[i] == 0 && acc.vintage_m3p_fen[i] == 0 && acc.vintage_chargeoff_fen[i] == 0) continue;
        st.bind(1, run_id).bind(2, std::int64_t(o)).bind(3, std::int64_t(mob)).bind(4, acc.vintage_bad90_count[i]).bind(5, acc.vintage_bad90_fen[i])
            .bind(6, acc.vintage_m3p_fen[i]).bind(7, acc.vintage_chargeoff_fen[i]);
        st.step();
        st.reset();
      }
    }
  }
  {
    // Every vintage gets a row (zeros included): their presence marks a run
    // stored with the credit-quality figures.
    auto st = db.prepare("INSERT INTO sim_run_fpd (run_id, orig_month, first_due, fpd7, fpd30) VALUES (?1, ?2, ?3, ?4, ?5)");
    for (int o = 0; o < M; ++o) {
      st.bind(1, run_id).bind(2, std::int64_t(o)).bind(3, acc.fpd_due[o]).bind(4, acc.fpd7[o]).bind(5, acc.fpd30[o]);
      st.step();
      st.reset();
    }
  }
}

bool read_quality_rows(store::Database& db, std::int64_t run_id, RunAcc& acc) {
  const int M = acc.months;
  bool recorded = false;
  {
    auto st = db.prepare("SELECT orig_month, first_due, fpd7, fpd30 FROM sim_run_fpd WHERE run_id = ?1");
    st.bind(1, run_id);
    while (st.step()) {
      recorded = true;
      const int o = static_cast<int>(st.column_int64(0));
      if (o < 0 || o >= M) continue;
      acc.fpd_due[o] = st.column_int64(1);
      acc.fpd7[o] = st.column_int64(2);
      acc.fpd30[o] = st.column_int64(3);
    }
  }
  {
    auto st = db.prepare("SELECT month, bucket, loans, outstanding_fen FROM sim_run_buckets WHERE run_id = ?1");
    st.bind(1, run_id);
    while (st.step()) {
      const int m = static_cast<int>(st.column_int64(0)), k = static_cast<int>(st.column_int64(1));
      if (m < 0 || m >= M || k < 0 || k >= kBuckets) continue;
      acc.month[m].bucket_count[k] = st.column_int64(2);
      acc.month[m].bucket_fen[k] = st.column_int64(3);
    }
  }
  {
    auto st = db.prepare("SELECT month, from_bucket, to_state, loans FROM sim_run_rolls WHERE run_id = ?1");
    st.bind(1, run_id);
    while (st.step()) {
      const int m = static_cast<int>(st.column_int64(0)), f = static_cast<int>(st.column_int64(1)), t = static_cast<int>(st.column_int64(2));
      if (m < 0 || m >= M || f < 0 || f >= kBuckets || t < 0 || t >= kRollTo) continue;
      acc.month[m].roll[static_cast<std::size_t>(f * kRollTo + t)] = st.column_int64(3);
    }
  }
  {
    auto st = db.prepare("SELECT orig_month, mob, new_bad90_loans, new_bad90_fen, m3p_fen, chargeoff_fen FROM sim_run_vintage_quality WHERE run_id = ?1");
    st.bind(1, run_id);
    while (st.step()) {
      const int o = static_cast<int>(st.column_int64(0)), mob = static_cast<int>(st.column_int64(1));
      if (o < 0 || o >= M || mob < 0 || mob > M) continue;
      const std::size_t i = std::size_t(o) * (M + 1) + mob;
      acc.vintage_bad90_count[i] = st.column_int64(2);
      acc.vintage_bad90_fen[i] = st.column_int64(3);
      acc.vintage_m3p_fen[i] = st.column_int64(4);
      acc.vintage_chargeoff_fen[i] = st.column_int64(5);
    }
  }
  return recorded;
}

}  // namespace finlab::sim
