// Policy lab, Runs tab: the rows of the browser's runs database and of a
// runs database made natively that the user opens (file picker or
// drag-and-drop; a copy is kept, the original never changes), and a policy
// JSON dropped on the page.
#include <cctype>
#include <cstdio>
#include <fstream>

#include "core/store/database.hpp"
#include "sim/json_reader.hpp"
#include "web/app_store.hpp"
#include "web/format.hpp"
#include "web/policy_lab_detail.hpp"

namespace finlab::web::lab {

bool PolicyLabModel::on_file(AppContext& ctx, const std::string& name, const std::string& bytes) {
  static const char kSqliteMagic[] = "SQLite format 3";  // + NUL: the first 16 bytes of every SQLite file
  const bool sqlite = bytes.size() >= 16 && bytes.compare(0, 16, std::string(kSqliteMagic, 16)) == 0;
  if (sqlite) open_runs_file(ctx, name, bytes);
  else open_policy_file(ctx, name, bytes);
  return true;
}

// A policy JSON (exported here or written for `finlab sim --policy`).
void PolicyLabModel::open_policy_file(AppContext& ctx, const std::string& name, const std::string& bytes) {
  const auto colon = [](Lang l) { return l == Lang::zh ? "：" : ": "; };
  std::size_t i = 0;
  while (i < bytes.size() && std::isspace(static_cast<unsigned char>(bytes[i]))) ++i;
  if (i == bytes.size() || bytes[i] != '{') {
    say_in([&](Lang l) { return name + colon(l) + translate(l, "not a runs database (SQLite) or a policy (JSON)."); }, true);
    return;
  }
  text::Message why;
  auto parsed = sim::parse_json_text(bytes, &why);
  if (!parsed) {
    say_in([&](Lang l) { return name + colon(l) + text::render(why, text_lang(l)); }, true);
    return;
  }
  ojson d = ojson::parse(bytes, nullptr, false);
  if (d.is_discarded()) {
    say_in([&](Lang l) { return name + colon(l) + translate(l, "not valid JSON"); }, true);
    return;
  }
  set_doc(std::move(d));
  tab_ = LabTab::policy;
  const bool valid = policy_.has_value();
  say_in([&](Lang l) {
    return std::string(translate(l, "Policy loaded from")) + " " + name +
           (valid ? (l == Lang::zh ? "。" : ".") : std::string(" — ") + translate(l, "it has problems, listed below."));
  }, !valid);
  save(ctx);
}

void PolicyLabModel::open_runs_file(AppContext& ctx, const std::string& name, const std::string& bytes) {
  const auto colon = [](Lang l) { return l == Lang::zh ? "：" : ": "; };
  // A runs database: keep a copy next to the app's database so it is still
  // open after a reload; never write into the user's original.
  const std::string app_path = ctx.store->db().path();
  const std::string path = app_path == ":memory:" ? std::string("/tmp/") + kImportFile : dir_of(app_path) + "/" + kImportFile;
  opened_.reset();
  opened_name_.clear();
  std::remove(path.c_str());
  {
    std::ofstream f(path, std::ios::binary);
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!f) {
      say_in([&](Lang l) { return name + colon(l) + translate(l, "could not be copied into the browser's storage."); }, true);
      return;
    }
  }
  // Only a database with the sim schema: never create tables in someone else's file.
  std::string problem;
  bool no_table = false;  // said in the UI's language (problem: the store's own words)
  {
    auto db = store::Database::open(path);
    if (!db) {
      problem = db.error();
    } else {
      try {
        store::Database d = std::move(db).value();
        auto st = d.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'sim_runs'");
        st.step();
        if (st.column_int64(0) == 0) {
          no_table = true;
          problem = "no sim_runs table";
        }
      } catch (const std::exception& e) {
        problem = e.what();
      }
    }
  }
  if (problem.empty()) {
    auto s = sim::RunStore::open(path);
    if (s) {
      opened_.emplace(std::move(s).value());
      opened_name_ = name;
    } else {
      problem = s.error();
    }
  }
  if (!problem.empty()) {
    std::remove(path.c_str());
    say_in([&](Lang l) {
      return name + colon(l) + translate(l, "cannot open this runs database:") + " " + (no_table ? std::string(translate(l, "it has no sim_runs table (not made by finlab sim).")) : problem);
    }, true);
    refresh_lists();
    save(ctx);
    return;
  }
  if (current_ && current_->ref.source == RunSource::imported) current_.reset();
  refresh_lists();
  tab_ = LabTab::runs;
  const std::string count = std::to_string(opened_list_.size());
  say_in([&](Lang l) { return std::string(translate(l, "Opened")) + " " + name + colon(l) + count + " " + translate(l, "runs."); }, false);
  // Show its newest complete run.
  for (auto it = opened_list_.rbegin(); it != opened_list_.rend(); ++it) {
    if (it->status == "complete") {
      select_run({RunSource::imported, it->run_id});
      break;
    }
  }
  save(ctx);
}

LabRunRow PolicyLabModel::run_row(const sim::RunSummary& s, RunSource src, Lang lang) const {
  LabRunRow row;
  row.ref = {src, s.run_id};
  row.name = (src == RunSource::browser ? "b" : "i") + std::to_string(s.run_id);
  row.id = std::to_string(s.run_id);
  row.status = s.status == "complete" ? std::string(translate(lang, "complete"))
                                      : std::string(translate(lang, s.status == "running" ? "running" : (s.status == "failed" ? "failed" : "interrupted"))) +
                                            (s.note.empty() ? std::string() : paren(s.note, lang));
  row.created = s.created_at.size() >= 16 ? s.created_at.substr(0, 10) + " " + s.created_at.substr(11, 5) : s.created_at;
  row.policy = s.policy_name;
  row.scenario = s.scenario_name;
  row.size = format_int(static_cast<std::int64_t>(s.users)) + " × " + std::to_string(s.months) + " · " + translate(lang, "seed") + " " + std::to_string(s.seed);
  row.complete = s.status == "complete";
  row.approval = s.approval_rate.empty() ? "–" : s.approval_rate + "%";
  row.loss = s.loss_rate.empty() ? "–" : s.loss_rate + "%";
  row.profit = s.net_profit.empty() ? "–" : display_total(s.net_profit, "yuan");
  row.viewing = current_ && current_->ref == row.ref;
  return row;
}

}  // namespace finlab::web::lab
