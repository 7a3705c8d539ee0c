// Reason codes and counterfactual changes in words (see reason_text.hpp).
#include "core/credit/reason_text.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>

namespace finlab::credit {

namespace {

using text::Arg;
using text::Id;
using text::make;
using text::Message;

std::string format_value(double x, int decimals) {
  char buf[64];
  if (decimals >= 0 && decimals <= 9) std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
  else std::snprintf(buf, sizeof buf, "%.10g", x);
  return buf;
}

// The schema entry describing this card feature (same name and label), if any.
const FeatureSpec* spec_of(const FeatureBinning& fb, const FeatureSchema& schema) {
  const FeatureSpec* s = schema.find(fb.name);
  if (!s || (!fb.label.empty() && fb.label != s->label)) return nullptr;
  return s;
}

const Bin& bin_at(const FeatureBinning& fb, int b) { return fb.bins[static_cast<std::size_t>(b)]; }

std::string special_code(const FeatureBinning& fb, int b) {
  return fb.specials[static_cast<std::size_t>(b - fb.first_special_bin())];
}

// A value as the reader knows it: a share or a ratio as a percentage (0.95 ->
// "95%", 0.955 -> "95.5%"), anything else as recorded.
bool is_fraction(const FeatureSpec* s) { return s && (s->unit == "share" || s->unit == "ratio"); }
std::string value_text(double x, int decimals, const FeatureSpec* s) {
  if (!is_fraction(s)) return format_value(x, decimals);
  return format_value(x * 100.0, decimals >= 2 && decimals <= 11 ? decimals - 2 : 0) + "%";
}

// "1,000" from 1000: yuan amounts of an income band.
std::string grouped(long long n) {
  std::string d = std::to_string(n), out;
  for (std::size_t i = 0; i < d.size(); ++i) {
    if (i > 0 && (d.size() - i) % 3 == 0) out += ',';
    out += d[i];
  }
  return out;
}

// A level written as an amount in thousands of yuan ("< 3k", "3k-5k", "> 20k",
// the schema's income bands): its bounds in yuan (-1: open). False otherwise.
bool level_bounds(const std::string& level, long long& lo, long long& hi) {
  auto thousands = [](const std::string& t, long long& out) {
    std::size_t i = 0;
    while (i < t.size() && t[i] == ' ') ++i;
    std::size_t j = i;
    while (j < t.size() && std::isdigit(static_cast<unsigned char>(t[j]))) ++j;
    if (j == i || j + 1 != t.size() || t[j] != 'k' || j - i > 6) return false;
    out = std::stoll(t.substr(i, j - i)) * 1000;
    return true;
  };
  lo = hi = -1;
  if (level.rfind("<", 0) == 0) return thousands(level.substr(1), hi);
  if (level.rfind(">", 0) == 0) return thousands(level.substr(1), lo);
  const auto dash = level.find('-');
  return dash != std::string::npos && thousands(level.substr(0, dash), lo) && thousands(level.substr(dash + 1), hi);
}

// Ordinal levels c..d as a yuan range, when every level is an amount.
bool yuan_range(const std::vector<std::string>& levels, int c, int d, Message& out) {
  if (c < 0 || d >= static_cast<int>(levels.size()) || c > d) return false;
  long long lo = 0, hi = 0, l2 = 0, h2 = 0;
  if (!level_bounds(levels[static_cast<std::size_t>(c)], lo, h2) || !level_bounds(levels[static_cast<std::size_t>(d)], l2, hi)) return false;
  if (lo < 0 && hi < 0) out = make(Id::credit_bin_any, {});
  else if (lo < 0) out = make(Id::credit_bin_yuan_under, {Arg::verbatim(grouped(hi))});
  else if (hi < 0) out = make(Id::credit_bin_yuan_over, {Arg::verbatim(grouped(lo))});
  else out = make(Id::credit_bin_yuan_range, {Arg::verbatim(grouped(lo)), Arg::verbatim(grouped(hi))});
  return true;
}

bool ordered(const FeatureBinning& fb, const Bin& from) {
  return fb.type != FeatureType::categorical && !from.is_missing && !from.is_special && fb.levels.empty();
}

}  // namespace

text::Bilingual feature_label(const FeatureBinning& fb, const FeatureSchema& schema) {
  const std::string en = fb.label.empty() ? fb.name : fb.label;
  const FeatureSpec* s = spec_of(fb, schema);
  return {en, s ? s->label_zh : ""};
}

Message reason_message(const FeatureBinning& fb, int bin, int best, int points_lost) {
  const text::Bilingual label = feature_label(fb);
  const Bin& b = bin_at(fb, bin);
  Message generic = b.is_missing   ? make(Id::credit_why_missing, {Arg::names(label)})
                    : b.is_special ? make(Id::credit_why_special, {Arg::names(label), Arg::verbatim(special_code(fb, bin))})
                                   : make(Id::credit_why_risky, {Arg::names(label)});
  Message why = std::move(generic);
  if (!fb.reason.empty()) {
    const FeatureSpec* s = spec_of(fb, builtin_schema());
    why = make(Id::name, {Arg::names({fb.reason, s && !s->reason_zh.empty() ? s->reason_zh : text::render(why, text::Lang::zh)})});
  }
  return make(Id::credit_reason, {Arg::of(std::move(why)), Arg::names(label), Arg::verbatim(b.label), Arg::verbatim(bin_at(fb, best).label),
                                  Arg::number(points_lost)});
}

Message change_message(const FeatureBinning& fb, int from_bin, int to_bin, double value, int points_gained) {
  const text::Bilingual label = feature_label(fb);
  const Bin& from = bin_at(fb, from_bin);
  const Bin& to = bin_at(fb, to_bin);
  Message m;
  if (ordered(fb, from) && to_bin > from_bin)
    m = make(Id::credit_change_raise, {Arg::names(label), Arg::verbatim(format_value(value, fb.decimals)),
                                       Arg::verbatim(format_value(to.lo, fb.decimals)), Arg::number(points_gained)});
  else if (ordered(fb, from))
    m = make(Id::credit_change_lower, {Arg::names(label), Arg::verbatim(format_value(value, fb.decimals)),
                                       Arg::verbatim(format_value(to.hi, fb.decimals)), Arg::number(points_gained)});
  else
    m = make(Id::credit_change_move, {Arg::names(label), Arg::verbatim(from.label), Arg::verbatim(to.label), Arg::number(points_gained)});
  if (fb.advice.empty()) return m;
  const FeatureSpec* s = spec_of(fb, builtin_schema());
  return make(Id::credit_change_with_advice, {Arg::names({fb.advice, s ? s->advice_zh : ""}), Arg::of(std::move(m))});
}

// A bin as words: "from 3 to 11", "12 or more", "under 0.5", "not shared".
Message bin_words(const FeatureBinning& fb, int bin, const FeatureSchema& schema) {
  const Bin& b = bin_at(fb, bin);
  if (b.is_missing) return make(Id::credit_bin_not_shared, {});
  if (b.is_special) return make(Id::credit_bin_special, {Arg::verbatim(special_code(fb, bin))});
  const FeatureSpec* s = spec_of(fb, schema);
  if (!b.levels.empty() || !fb.levels.empty()) {
    if (b.levels.empty() && fb.type == FeatureType::ordinal) {
      // Income bands ("{3k-5k, 5k-10k}"): one yuan range in words.
      const int lo = std::isinf(b.lo) ? 0 : static_cast<int>(std::ceil(b.lo));
      const int hi = std::isinf(b.hi) ? static_cast<int>(fb.levels.size()) - 1 : static_cast<int>(std::ceil(b.hi)) - 1;
      Message m;
      if (yuan_range(fb.levels, std::max(0, lo), hi, m)) return m;
    }
    // Ordinal levels ("{budget, mid-range}"): the Chinese names from the schema.
    std::string zh;
    if (s && !s->levels_zh.empty() && b.levels.empty() && fb.type == FeatureType::ordinal) {
      const int lo = std::isinf(b.lo) ? 0 : static_cast<int>(std::ceil(b.lo));
      const int hi = std::isinf(b.hi) ? static_cast<int>(s->levels_zh.size()) - 1 : static_cast<int>(std::ceil(b.hi)) - 1;
      for (int c = std::max(0, lo); c <= hi && c < static_cast<int>(s->levels_zh.size()); ++c)
        zh += (zh.empty() ? "" : "、") + s->levels_zh[static_cast<std::size_t>(c)];
    }
    return make(Id::name, {Arg::names({b.label, zh})});
  }
  const bool whole = fb.decimals == 0;
  const bool lo_inf = std::isinf(b.lo), hi_inf = std::isinf(b.hi);
  auto num = [&](double x, int d) { return Arg::verbatim(value_text(x, d, s)); };
  if (lo_inf && hi_inf) return make(Id::credit_bin_any, {});
  if (lo_inf) return whole ? make(Id::credit_bin_or_less, {num(b.hi - 1, 0)}) : make(Id::credit_bin_under, {num(b.hi, fb.decimals)});
  if (hi_inf) return make(Id::credit_bin_or_more, {num(b.lo, fb.decimals)});
  if (whole && b.hi - b.lo == 1) return make(Id::name, {Arg::names({format_value(b.lo, 0), ""})});
  if (whole) return make(Id::credit_bin_range_whole, {num(b.lo, 0), num(b.hi - 1, 0)});
  return make(Id::credit_bin_range, {num(b.lo, fb.decimals), num(b.hi, fb.decimals)});
}

Message reason_plain(const FeatureBinning& fb, int bin, int best, int points_lost, const FeatureSchema& schema) {
  return make(Id::credit_reason_plain, {Arg::names(feature_label(fb, schema)), Arg::of(bin_words(fb, bin, schema)),
                                        Arg::of(bin_words(fb, best, schema)), Arg::number(points_lost)});
}

// A label inside an English sentence ("raise on-time bill payments ..."): a
// capital that only starts the label is lowered; an acronym ("GPS ...") is kept.
static text::Bilingual mid_sentence(text::Bilingual b) {
  if (b.en.size() > 1 && b.en[0] >= 'A' && b.en[0] <= 'Z' && b.en[1] >= 'a' && b.en[1] <= 'z') b.en[0] = static_cast<char>(b.en[0] - 'A' + 'a');
  return b;
}

Message change_plain(const FeatureBinning& fb, int from_bin, int to_bin, double value, int points_gained, const FeatureSchema& schema) {
  const Arg label = Arg::names(mid_sentence(feature_label(fb, schema)));
  const Bin& from = bin_at(fb, from_bin);
  const Bin& to = bin_at(fb, to_bin);
  const FeatureSpec* s = spec_of(fb, schema);
  const Arg now = Arg::verbatim(value_text(value, fb.decimals, s));
  if (ordered(fb, from) && to_bin > from_bin)
    return make(Id::credit_change_raise_plain, {label, now, Arg::verbatim(value_text(to.lo, fb.decimals, s)), Arg::number(points_gained)});
  if (ordered(fb, from) && fb.decimals == 0)  // whole numbers: "to 0 or less" rather than "to below 1"
    return make(Id::credit_change_lower_or_less_plain, {label, now, Arg::verbatim(value_text(to.hi - 1, 0, s)), Arg::number(points_gained)});
  if (ordered(fb, from))
    return make(Id::credit_change_lower_under_plain, {label, now, Arg::verbatim(value_text(to.hi, fb.decimals, s)), Arg::number(points_gained)});
  return make(Id::credit_change_move_plain, {label, Arg::of(bin_words(fb, from_bin, schema)), Arg::of(bin_words(fb, to_bin, schema)),
                                             Arg::number(points_gained)});
}

}  // namespace finlab::credit
