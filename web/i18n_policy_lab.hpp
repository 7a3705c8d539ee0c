// The Policy lab's own English -> 简体中文 entries (swap matrix, score drift,
// CSV export, event counts), kept apart from the shared table in i18n.cpp so
// the lab's texts change in one place. translate() looks them up like any
// other entry.
#pragma once

#include <span>

namespace finlab::web {

struct I18nPair {
  const char* en;
  const char* zh;
};

std::span<const I18nPair> policy_lab_catalog();

}  // namespace finlab::web
