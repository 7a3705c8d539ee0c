#include "sim/user_lens.hpp"

namespace finlab::sim {

Result<UserView> replay_user(const RunConfig& config, const ScoringModel& model,
                             const std::vector<std::vector<AllocationRange>>& allocations, std::uint64_t user_id) {
  if (auto why = check_config(config)) return fail(*why);
  if (user_id >= config.users) {
    return fail("user " + std::to_string(user_id) + " is not in the run (users 0 to " + std::to_string(config.users - 1) + ")");
  }
  if (allocations.size() != static_cast<std::size_t>(config.months)) return fail("the run's allocations do not cover its months");
  Traits t;
  t.first_user = user_id;
  t.resize(1);
  build_traits(model, config.scenario, config.population, config.seed, user_id, 1, t, 0);
  Book b;
  b.resize(1);
  Engine engine(config.policy, config.scenario, model.tables, config.shape(), config.assumptions);
  Shard s;
  engine.init_shard(s, 0, 1);
  UserLog log;
  UserView v;
  v.user_id = user_id;
  for (int m = 0; m < config.months; ++m) {
    engine.begin_month(s);
    engine.phase_a(t, b, s, m, 0, 1, log);
    const MonthAllocation alloc = MonthAllocation::from_ranges(allocations[m]);
    engine.phase_b(t, b, s, m, alloc, log);
    if ((b.status[0] & kHasLoan) && b.orig_month[0] == m && b.periods_left[0] > 0 && b.missed[0] == 0 && b.balance[0] == b.booked[0] &&
        (v.loans.empty() || v.loans.back().month != m)) {
      UserLoan l;
      l.month = m;
      l.amount_fen = b.booked[0];
      l.term = b.periods_left[0];
      l.band = b.band[0];
      l.partner = config.policy.partners[b.partner[0]].name;
      loan::LoanTerms terms;
      terms.principal = money::Money::from_units(l.amount_fen);
      terms.rate = config.policy.credit.quoted_rate(l.band);
      terms.day_basis = config.policy.credit.day_basis;
      terms.term_months = l.term;
      terms.method = config.policy.credit.method;
      terms.start = engine.month(m).first;
      l.schedule = loan::build_schedule(terms);
      v.loans.push_back(std::move(l));
    }
  }
  v.score = t.score[0];
  v.score_app = t.score_app[0];
  v.consent = credit::ConsentMask::from_bits(t.consent[0]).to_string();
  v.income_fen = t.income_fen[0];
  v.debt_fen = t.debt_fen[0];
  v.pd_ppm = t.pd_ppm[0];
  v.uses_fund = t.fund_deposit_p16[0] != 0;
  v.acc = std::move(s.acc);
  v.events = std::move(log.events);
  return v;
}

}  // namespace finlab::sim
