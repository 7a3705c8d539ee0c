#include "sim/version.hpp"

namespace finlab::sim {

std::string_view engine_version() { return "finlab-sim 0.1.0"; }

}  // namespace finlab::sim
