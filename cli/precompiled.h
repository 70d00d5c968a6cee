// The headers most of cli/ and server/ include, parsed once for the whole
// rehab_cli library (CMakeLists.txt: target_precompile_headers). Each file
// still includes what it uses: this header is only a cache.
#pragma once

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/common.h"
#include "cli/io.h"
#include "planner/load/diary.h"
#include "planner/load/yaml_loader.h"
