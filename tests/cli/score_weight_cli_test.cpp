// `finlab score train/report/monitor --weight-column` through the real
// binary: coefficients, standard errors and p-values of a weighted fit match
// statsmodels GLM(Binomial, freq_weights) on the model's WoE design; the
// weighted report and monitor equal those of the CSV with each row repeated
// w times; bad weights exit 1 naming file, line and column.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "tests/cli/cli_runner.hpp"

using finlab::test::run_cli;
using finlab::test::slurp;
using finlab::test::temp_file;
using nlohmann::json;

namespace {

// 2,000 rows from a known logistic model (fixed LCG) with an integer weight
// 1..3 per row, and the same rows repeated `weight` times (weight column 1).
struct WeightedCsv {
  std::string weighted, repeated;
  WeightedCsv() {
    std::string w = "id,month,income,debt_ratio,tenure,noise,w,default\n";
    std::string r = w;
    std::uint64_t state = 4242;
    auto u01 = [&] {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      return double(state >> 11) * (1.0 / 9007199254740992.0);
    };
    for (int i = 0; i < 2000; ++i) {
      const double income = 2000 + 18000 * u01();
      const double debt = 0.1 + 0.8 * u01();
      const double tenure = std::floor(60 * u01());
      const double noise = u01();
      const double eta = -1.0 - income / 8000 + 3.0 * debt - tenure / 40;
      const bool bad = u01() < 1.0 / (1.0 + std::exp(-eta));
      const int weight = 1 + static_cast<int>(3 * u01());
      char line[256];
      const char* month = i % 2 ? "2024-01" : "2024-02";
      std::snprintf(line, sizeof line, "%d,%s,%.0f,%.3f,%.0f,%.4f,%%d,%s\n", i, month, income, debt, tenure, noise, bad ? "1" : "0");
      char row[300];
      std::snprintf(row, sizeof row, line, weight);
      w += row;
      std::snprintf(row, sizeof row, line, 1);
      for (int k = 0; k < weight; ++k) r += row;
    }
    weighted = temp_file("weighted.csv", w);
    repeated = temp_file("weighted_repeated.csv", r);
  }
  ~WeightedCsv() {
    std::remove(weighted.c_str());
    std::remove(repeated.c_str());
  }
};
const WeightedCsv& csvs() {
  static const WeightedCsv c;
  return c;
}

bool have_statsmodels() { return std::system("/usr/bin/python3 -c 'import statsmodels, numpy' >/dev/null 2>&1") == 0; }

// The independent reference: statsmodels GLM Binomial with freq_weights on
// the WoE design the model JSON defines, y = 1 for good like finlab's fit.
const char* glm_script = R"PY(
import csv, json, math, sys
import numpy as np
import statsmodels.api as sm
data, model, names = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
card = json.load(open(model))
feats = {f["name"]: f for f in card["features"]}
rows = list(csv.DictReader(open(data)))
cols = []
for n in names:
    f = feats[n]
    cuts = f["cuts"]; woe = [b["woe"] for b in f["bins"]]
    cols.append([woe[int(np.searchsorted(cuts, float(r[n]), side="right"))] for r in rows])
X = sm.add_constant(np.array(cols).T)
y = np.array([0 if r["default"] == "1" else 1 for r in rows])
w = np.array([float(r["w"]) for r in rows])
res = sm.GLM(y, X, family=sm.families.Binomial(), freq_weights=w).fit(tol=1e-13, maxiter=200)
k = X.shape[1]
print(json.dumps({"params": list(res.params), "bse": list(res.bse), "pvalues": list(res.pvalues), "llf": res.llf,
                  "aic": -2 * res.llf + 2 * k, "bic": -2 * res.llf + k * math.log(w.sum())}))
)PY";

}  // namespace

TEST_CASE("score train --weight-column: coefficients, standard errors and p-values match statsmodels GLM freq_weights",
          "[cli][score][weights][statistics]") {
  if (!have_statsmodels()) FAIL("python3-statsmodels is needed (./dev setup installs it)");
  const std::string model = temp_file("weighted_model.json", "");
  auto r = run_cli({"score", "train", "--data", csvs().weighted, "--target", "default", "--bad", "1", "--exclude", "id,month", "--l2", "0",
                    "--weight-column", "w", "--out", model, "--json"});
  REQUIRE(r.exit_code == 0);
  const json doc = json::parse(r.out);
  CHECK(doc["weight_column"] == "w");
  CHECK(doc["train"].contains("weight"));
  const json& m = doc["model"];
  REQUIRE(m["coefficients"].size() >= 3);
  std::string names;
  for (std::size_t k = 1; k < m["coefficients"].size(); ++k) names += (k > 1 ? "," : "") + m["coefficients"][k]["name"].get<std::string>();
  const std::string script = temp_file("glm_ref.py", glm_script);
  const std::string out = temp_file("glm_ref.json", "");
  const std::string cmd = "/usr/bin/python3 " + script + " " + csvs().weighted + " " + model + " " + names + " >" + out;
  REQUIRE(std::system(cmd.c_str()) == 0);
  const json ref = json::parse(slurp(out));
  std::remove(script.c_str());
  std::remove(out.c_str());
  REQUIRE(ref["params"].size() == m["coefficients"].size());
  for (std::size_t k = 0; k < ref["params"].size(); ++k) {
    const json& c = m["coefficients"][k];
    INFO("term " << c["name"]);
    CHECK(c["estimate"].get<double>() == Approx(ref["params"][k].get<double>()).epsilon(1e-6));
    CHECK(c["std_error"].get<double>() == Approx(ref["bse"][k].get<double>()).epsilon(1e-6));
    CHECK(c["p_value"].get<double>() == Approx(ref["pvalues"][k].get<double>()).epsilon(1e-5).margin(1e-12));
  }
  CHECK(m["log_likelihood"].get<double>() == Approx(ref["llf"].get<double>()).epsilon(1e-9));
  CHECK(m["aic"].get<double>() == Approx(ref["aic"].get<double>()).epsilon(1e-9));
  CHECK(m["bic"].get<double>() == Approx(ref["bic"].get<double>()).epsilon(1e-9));
  // The model JSON carries the weighted bin sums and band distribution.
  const json card = json::parse(slurp(model));
  CHECK(card["features"][0]["bins"][0].contains("good_weight"));
  CHECK(card.contains("train_band_weights"));
  std::remove(model.c_str());
}

TEST_CASE("score train/report/monitor with integer weights equal the CSV with rows repeated", "[cli][score][weights]") {
  const std::string mw = temp_file("weighted_w.json", ""), mr = temp_file("weighted_r.json", "");
  auto tw = run_cli({"score", "train", "--data", csvs().weighted, "--target", "default", "--bad", "1", "--exclude", "id,month",
                     "--weight-column", "w", "--out", mw, "--json"});
  auto tr = run_cli({"score", "train", "--data", csvs().repeated, "--target", "default", "--bad", "1", "--exclude", "id,month,w",
                     "--out", mr, "--json"});
  REQUIRE(tw.exit_code == 0);
  REQUIRE(tr.exit_code == 0);
  const json a = json::parse(tw.out), b = json::parse(tr.out);
  REQUIRE(a["features"].size() == b["features"].size());
  for (std::size_t f = 0; f < a["features"].size(); ++f) {
    INFO(a["features"][f]["name"]);
    CHECK(a["features"][f]["iv"] == b["features"][f]["iv"]);
    CHECK(a["features"][f]["selected"] == b["features"][f]["selected"]);
    const json& ab = a["features"][f]["bins"];
    const json& bb = b["features"][f]["bins"];
    REQUIRE(ab.size() == bb.size());
    for (std::size_t k = 0; k < ab.size(); ++k) {
      CHECK(ab[k]["good_weight"].get<double>() == bb[k]["goods"].get<double>());
      CHECK(ab[k]["woe"] == bb[k]["woe"]);
    }
  }
  CHECK(a["train"]["weight"].get<double>() == b["train"]["n"].get<double>());
  CHECK(a["train"]["auc"].get<double>() == Approx(b["train"]["auc"].get<double>()).epsilon(1e-6));
  CHECK(a["train"]["ks"].get<double>() == Approx(b["train"]["ks"].get<double>()).epsilon(1e-6));
  for (std::size_t k = 0; k < a["model"]["coefficients"].size(); ++k)
    CHECK(a["model"]["coefficients"][k]["std_error"].get<double>() ==
          Approx(b["model"]["coefficients"][k]["std_error"].get<double>()).epsilon(1e-6));

  // report: the weighted card on the weighted CSV = the repeated card on the repeated CSV.
  auto rw = run_cli({"score", "report", "--model", mw, "--data", csvs().weighted, "--weight-column", "w", "--json"});
  auto rr = run_cli({"score", "report", "--model", mr, "--data", csvs().repeated, "--json"});
  REQUIRE(rw.exit_code == 0);
  REQUIRE(rr.exit_code == 0);
  const json pw = json::parse(rw.out), pr = json::parse(rr.out);
  CHECK(pw["metrics"]["weight"].get<double>() == pr["metrics"]["n"].get<double>());
  CHECK(pw["metrics"]["bad_rate"] == pr["metrics"]["bad_rate"]);
  CHECK(pw["metrics"]["auc"].get<double>() == Approx(pr["metrics"]["auc"].get<double>()).epsilon(1e-6));
  CHECK(pw["psi"]["score"].get<double>() == Approx(pr["psi"]["score"].get<double>()).margin(1e-6));
  // monitor by month: weighted PSI/CSI and KS.
  auto ow = run_cli({"score", "monitor", "--model", mw, "--data", csvs().weighted, "--date-column", "month", "--weight-column", "w", "--json"});
  auto orr = run_cli({"score", "monitor", "--model", mr, "--data", csvs().repeated, "--date-column", "month", "--json"});
  REQUIRE(ow.exit_code == 0);
  REQUIRE(orr.exit_code == 0);
  const json qw = json::parse(ow.out), qr = json::parse(orr.out);
  CHECK(qw["weight_column"] == "w");
  REQUIRE(qw["periods"].size() == 3);  // 2024-01, 2024-02, all
  for (std::size_t p = 0; p < 3; ++p) {
    CHECK(qw["periods"][p]["weight"].get<double>() == qr["periods"][p]["n"].get<double>());
    CHECK(qw["periods"][p]["score_psi"].get<double>() == Approx(qr["periods"][p]["score_psi"].get<double>()).margin(1e-6));
    CHECK(qw["periods"][p]["outcomes"]["ks"].get<double>() == Approx(qr["periods"][p]["outcomes"]["ks"].get<double>()).margin(1e-6));
  }
  std::remove(mw.c_str());
  std::remove(mr.c_str());
}

TEST_CASE("score train --weight-column: bad weights exit 1 naming the file, line and column", "[cli][score][weights]") {
  const std::string bad = temp_file("weights_bad.csv", "x,w,default\n1,1,0\n2,1,1\n3,-2,0\n4,1,1\n");
  auto r = run_cli({"score", "train", "--data", bad, "--target", "default", "--bad", "1", "--weight-column", "w"});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Matchers::Contains("weights_bad.csv:4") && Catch::Matchers::Contains("weight column 'w'") &&
                        Catch::Matchers::Contains("'-2'"));
  const std::string text = temp_file("weights_text.csv", "x,w,default\n1,1,0\n2,many,1\n");
  auto m = run_cli({"score", "train", "--data", text, "--target", "default", "--bad", "1", "--weight-column", "w"});
  CHECK(m.exit_code == 1);
  CHECK_THAT(m.err, Catch::Matchers::Contains("weights_text.csv:3") && Catch::Matchers::Contains("'many', expected a number >= 0"));
  auto absent = run_cli({"score", "train", "--data", text, "--target", "default", "--bad", "1", "--weight-column", "weight"});
  CHECK(absent.exit_code == 1);
  CHECK_THAT(absent.err, Catch::Matchers::Contains("weight column 'weight' not found"));
  const std::string zero = temp_file("weights_zero.csv", "x,w,default\n1,0,0\n2,0,1\n");
  auto z = run_cli({"score", "train", "--data", zero, "--target", "default", "--bad", "1", "--weight-column", "w"});
  CHECK(z.exit_code == 1);
  CHECK_THAT(z.err, Catch::Matchers::Contains("sum to zero"));
  for (const std::string& f : {bad, text, zero}) std::remove(f.c_str());
}
