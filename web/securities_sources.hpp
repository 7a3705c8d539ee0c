// The sources that the securities engine's reasons cite as "[3]", "[12]",
// "[D]" (core/securities: the exchange rules by date, with the numbering of
// the project's securities rule notes). The Securities panel lists them under
// its statement so that a mark in a reason leads somewhere a reader can follow.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace finlab::web {

struct SecuritiesSource {
  const char* mark;  // "[3]"
  const char* en;
  const char* zh;
};

std::span<const SecuritiesSource> securities_sources();
// The marks ("[3]", "[D]") that occur in a text, in order of first appearance.
std::vector<std::string> source_marks(std::string_view text);

}  // namespace finlab::web
