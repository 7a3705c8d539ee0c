// Engine version recorded with every stored simulation run.
#pragma once

#include <string_view>

namespace finlab::sim {

std::string_view engine_version();

}  // namespace finlab::sim
