// Policy lab CSV export: any table of the lab as a CSV file (RFC 4180:
// fields with a comma, quote or line break are quoted, quotes doubled; UTF-8
// with a byte-order mark so spreadsheet programs read the Chinese labels).
// Formula injection (OWASP "CSV Injection"): a cell that starts with = + - @,
// a tab or a carriage return is prefixed with a single quote, so a
// spreadsheet shows it as text and never evaluates it ("-¥1,234.00" becomes
// "'-¥1,234.00").
#include <string>

#include "web/platform.hpp"
#include "web/policy_lab_detail.hpp"
#include "web/policy_lab_kpis.hpp"

namespace finlab::web::lab {

std::string csv_cell(const std::string& text) {
  std::string s = text;
  if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r')) s.insert(0, 1, '\'');
  const bool quote = s.find_first_of(",\"\r\n") != std::string::npos;
  if (!quote) return s;
  std::string q = "\"";
  for (char c : s) {
    if (c == '"') q += '"';
    q += c;
  }
  q += '"';
  return q;
}

std::string csv_text(const LabTable& t) {
  std::string out = "\xEF\xBB\xBF";  // UTF-8 byte-order mark
  auto line = [&out](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i) out += ',';
      out += csv_cell(cells[i]);
    }
    out += "\r\n";
  };
  line(t.header);
  for (const auto& r : t.rows) line(r);
  return out;
}

namespace {

LabTable runs_table(const char* id, const std::vector<LabRunRow>& rows, Lang lang) {
  auto tr = [lang](const char* en) { return std::string(translate(lang, en)); };
  LabTable t{id, {tr("Run"), tr("Created (UTC)"), tr("Policy · scenario"), tr("Users × months"), tr("Status"), tr("Approval rate"), tr("Loss rate"),
                  tr("Net profit")}, {}};
  for (const auto& r : rows) t.rows.push_back({r.id, r.created, r.policy + " · " + r.scenario, r.size, r.status, r.approval, r.loss, r.profit});
  return t;
}

}  // namespace

// The table `id` as the lab shows it now; nullopt for an unknown id.
std::optional<LabTable> PolicyLabModel::table_for(const std::string& id) const {
  const Lang lang = view_lang_;
  auto tr = [lang](const char* en) { return std::string(translate(lang, en)); };
  const LabRunView& c = view_.current;
  if (id == "compare") {
    LabTable t{id, {tr("Total"), "A", "B", "B − A", tr("Judgement")}, {}};
    for (const auto& r : view_.compare)
      t.rows.push_back({r.name, r.a, r.b, r.diff, r.judgement > 0 ? tr("better") : (r.judgement < 0 ? tr("worse") : std::string())});
    return t;
  }
  if (id == "sweep") {
    LabTable t{id, {tr("Cutoff"), tr("Approval rate"), tr("Loss rate"), tr("Net profit"), tr("Amount booked"), tr("Efficient")}, {}};
    for (const auto& p : view_.sweep) t.rows.push_back({p.cutoff, p.approval, p.loss, p.profit, p.booked, p.efficient ? tr("efficient") : tr("dominated")});
    return t;
  }
  if (id == "runs") return runs_table("runs", view_.runs, lang);
  if (id == "opened_runs") return runs_table("opened_runs", view_.imported_runs, lang);
  if (id == "totals") {
    LabTable t{id, {tr("Total"), tr("Value (as stored)")}, {}};
    for (const auto& r : c.totals) t.rows.push_back({kpi_label(r.name, lang), r.value});
    return t;
  }
  for (const LabTable* t : {&c.value_table, &c.swap_table, &c.history_table, &c.drift_months, &c.drift_features, &c.quality.fpd, &c.quality.flows,
                            &c.quality.rolls, &c.quality.classes, &c.pnl.table, &c.selection_table})
    if (t->id == id) return *t;
  return std::nullopt;
}

void PolicyLabModel::export_csv(const std::string& id, AppContext& ctx) {
  const auto t = table_for(id);
  if (!t || t->rows.empty()) {
    say_in([](Lang l) { return std::string(translate(l, "Nothing to export: the table is empty.")); }, true);
    return;
  }
  const std::string name = "policy_lab_" + id + ".csv";
  last_csv_id_ = id;
  last_csv_ = csv_text(*t);
  ctx.platform.download(name, "text/csv;charset=utf-8", last_csv_);
  say_in([&](Lang l) { return std::string(translate(l, "Downloaded")) + " " + name; }, false);
}

}  // namespace finlab::web::lab
