// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// How fitting and replay read usage without knowing where it is kept: a function that
// calls its argument for every usage record (a project's, or a test's vector).
#include "models/domain/UsageRecord.h"

#include <functional>

namespace marginal {

using UsageVisitor = std::function<void(const UsageRecord&)>;
using UsageSource = std::function<void(const UsageVisitor&)>;

} // namespace marginal
