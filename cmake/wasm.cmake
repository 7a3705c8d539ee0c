# Every Emscripten-specific build setting lives in this file (STYLE.md:
# "platform glue in one place"). The wasm preset differs from native only by the
# toolchain file; this file adds the flags that the web and node targets need.
if(NOT EMSCRIPTEN)
  function(finlab_wasm_node_test target)
  endfunction()
  return()
endif()

# Exceptions are part of the core's error model (FINLAB_REQUIRE throws), so
# every translation unit is compiled with them.
add_compile_options(-fexceptions)
# node 20 needs --no-experimental-fetch for emcc 3.1.6 output (TOOLCHAIN.md);
# the toolchain file's default emulator flags do not include it.
find_program(FINLAB_NODE node REQUIRED)
set(CMAKE_CROSSCOMPILING_EMULATOR "${FINLAB_NODE};--no-experimental-fetch")
add_link_options(-fexceptions)

# Catch2 suites run under node: real filesystem access for fixtures, a growing heap.
function(finlab_wasm_node_test target)
  target_link_options(${target} PRIVATE -sNODERAWFS=1 -sALLOW_MEMORY_GROWTH=1 -sTOTAL_STACK=4194304)
endfunction()

# Browser app: Emscripten's built-in GLFW over WebGL2, IDBFS for persistence,
# single-threaded so any static host can serve it.
function(finlab_wasm_web_app target)
  target_link_options(${target} PRIVATE
    -sUSE_GLFW=3 -sUSE_WEBGL2=1 -sFULL_ES3=1 -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2
    -sALLOW_MEMORY_GROWTH=1 -sTOTAL_STACK=4194304 -lidbfs.js
    -sEXPORTED_RUNTIME_METHODS=ccall,cwrap,UTF8ToString,stringToUTF8,lengthBytesUTF8
    -sEXPORTED_FUNCTIONS=_main,_malloc,_free
    # Every character ImGui draws passes through ImTextCharFromUtf8; the app
    # wraps it to add glyphs the font atlas lacks (web/platform_emscripten.cpp).
    -Wl,--wrap=_Z18ImTextCharFromUtf8PjPKcS1_)
  set_target_properties(${target} PROPERTIES SUFFIX ".js")
endfunction()
