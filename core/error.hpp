// The one exception type of finlab and the precondition macro that throws it.
// Broken preconditions (a programming or contract error) throw finlab::Error
// with the offending values in the message; unlike assert it is never compiled
// out. Expected failures (bad user input) return finlab::Result instead.
#pragma once

#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace finlab {

class Error : public std::runtime_error {
public:
  explicit Error(const std::string& what) : std::runtime_error(what) {}
};

namespace detail {
[[noreturn]] inline void throw_error(const char* file, int line, const std::string& msg) {
  // Only the file's name: messages reach users and must not expose the build
  // machine's source paths (docs/limits.md, "Messages").
  std::string_view name(file);
  if (const auto slash = name.find_last_of("/\\"); slash != std::string_view::npos) name.remove_prefix(slash + 1);
  std::ostringstream os;
  os << msg << " [" << name << ":" << line << "]";
  throw Error(os.str());
}
}  // namespace detail

}  // namespace finlab

// FINLAB_REQUIRE(cond, "message " << value) — stream syntax for the message.
#define FINLAB_REQUIRE(cond, msg)                                         \
  do {                                                                    \
    if (!(cond)) {                                                        \
      std::ostringstream finlab_require_os_;                              \
      finlab_require_os_ << msg;                                          \
      ::finlab::detail::throw_error(__FILE__, __LINE__, finlab_require_os_.str()); \
    }                                                                     \
  } while (false)

#define FINLAB_FAIL(msg) FINLAB_REQUIRE(false, msg)
