#include "core/credit/consent.hpp"

#include <charconv>

namespace finlab::credit {

std::string_view to_string(ConsentCategory c) {
  switch (c) {
    case ConsentCategory::application: return "application";
    case ConsentCategory::device: return "device";
    case ConsentCategory::location: return "location";
    case ConsentCategory::app_usage: return "app_usage";
    case ConsentCategory::consumption: return "consumption";
  }
  return "?";
}

std::string_view display_name(ConsentCategory c) {
  switch (c) {
    case ConsentCategory::application: return "Application data";
    case ConsentCategory::device: return "Device & account";
    case ConsentCategory::location: return "Location stability";
    case ConsentCategory::app_usage: return "App usage";
    case ConsentCategory::consumption: return "Consumption & payments";
  }
  return "?";
}

std::string_view display_name_zh(ConsentCategory c) {
  switch (c) {
    case ConsentCategory::application: return "申请信息";
    case ConsentCategory::device: return "设备与账户";
    case ConsentCategory::location: return "位置稳定性";
    case ConsentCategory::app_usage: return "应用使用";
    case ConsentCategory::consumption: return "消费与缴费";
  }
  return "?";
}

Result<ConsentCategory> parse_consent_category(std::string_view name) {
  for (ConsentCategory c : all_consent_categories)
    if (to_string(c) == name) return c;
  return fail("unknown consent category '" + std::string(name) +
              "' (expected application, device, location, app_usage or consumption)");
}

int ConsentMask::count() const {
  int n = 0;
  for (unsigned b = bits_; b; b &= b - 1) ++n;
  return n;
}

std::string ConsentMask::to_string() const {
  std::string out;
  for (ConsentCategory c : all_consent_categories) {
    if (!has(c)) continue;
    if (!out.empty()) out += '+';
    out += credit::to_string(c);
  }
  return out;
}

Result<ConsentMask> ConsentMask::parse(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (text.empty() || text == "none") return ConsentMask::application_only();
  if (text.front() >= '0' && text.front() <= '9') {
    unsigned v = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || p != text.data() + text.size() || v > 0x1F)
      return fail("consent mask '" + std::string(text) + "' is not an integer in 0..31");
    return ConsentMask::from_bits(static_cast<std::uint8_t>(v));
  }
  ConsentMask m = ConsentMask::application_only();
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find_first_of("+|;", start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view part = text.substr(start, end - start);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    auto c = parse_consent_category(part);
    if (!c.ok()) return fail("consent '" + std::string(text) + "': " + c.error());
    m = m.with(*c);
    start = end + 1;
  }
  return m;
}

}  // namespace finlab::credit
