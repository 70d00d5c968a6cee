// The headers most files of this layer include, parsed once for the layer's
// library (CMakeLists.txt: target_precompile_headers). Each file still
// includes what it uses: this header is only a cache.
#pragma once

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <date/date.h>
#include <fmt/format.h>

#include "planner/model/model.h"
#include "planner/model/plan.h"
#include "planner/engine/engine.h"
#include "planner/engine/engine_internal.h"
