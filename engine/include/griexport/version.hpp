#pragma once

namespace griexport {
// Recorded in every manifest so an output names the engine that made it.
inline constexpr const char* engine_version = "0.1.0";
}  // namespace griexport
