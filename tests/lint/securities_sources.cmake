# Every source mark the securities engine writes into a reason (" [3]",
# "[3][12]", " [D]" in core/securities/*.cpp and its rule table
# assets/securities/*.json) has an entry in the list the
# Securities panel shows (web/securities_sources.cpp), so no mark leads nowhere.
#   cmake -DSRC=<repo> -P securities_sources.cmake
file(GLOB engine "${SRC}/core/securities/*.cpp" "${SRC}/assets/securities/*.json")
set(cited "")
foreach(f IN LISTS engine)
  file(READ "${f}" text)
  # CMake lists do not split inside brackets: marks become <mark:N> first.
  string(REPLACE "][" "] [" text "${text}")
  string(REPLACE "\"[" "\" [" text "${text}")  # a mark that opens a JSON string
  string(REGEX REPLACE " \\[([0-9]+|D)\\]" " <mark:\\1>" text "${text}")
  string(REPLACE "[" "(" text "${text}")
  string(REPLACE "]" ")" text "${text}")
  string(REGEX MATCHALL "<mark:[0-9D]+>" marks "${text}")
  foreach(m IN LISTS marks)
    string(REGEX REPLACE "<mark:([0-9D]+)>" "\\1" m "${m}")
    list(APPEND cited "${m}")
  endforeach()
endforeach()
list(REMOVE_DUPLICATES cited)
list(LENGTH cited n)
if(n LESS 5)
  message(FATAL_ERROR "found only ${n} source marks in core/securities (${cited}): the pattern no longer matches the engine's reasons")
endif()
file(READ "${SRC}/web/securities_sources.cpp" listed)
set(missing "")
foreach(m IN LISTS cited)
  string(FIND "${listed}" "{\"[${m}]\"," at)
  if(at EQUAL -1)
    list(APPEND missing "${m}")
  endif()
endforeach()
if(missing)
  message(FATAL_ERROR "core/securities cites ${missing} but web/securities_sources.cpp has no entry for it")
endif()
message(STATUS "all ${n} source marks of core/securities are listed: ${cited}")
