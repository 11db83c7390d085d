# One Catch2 executable per library (tests/<library>/...), linked with the shared main, its test
# cases registered with ctest as "PREFIX:name" with the labels LABELS. Test cases tagged [slow]
# (they train a model) also carry the label `slow`; those tagged [display] (they start the studio
# under Xvfb) carry `slow` and `display`. So `ctest -LE slow` is the quick pass.
include(Catch)

# Labels and environment are set by a ctest include file that runs after Catch's discovery
# (catch_discover_tests would flatten a list of labels into separate property arguments).
# Each discovery runs the test executable once at build time, so a suite names the kinds it has
# (fast is always looked for): HAS_SLOW, HAS_DISPLAY.
function(mop_register_catch_tests name)
  cmake_parse_arguments(ARG "HAS_SLOW;HAS_DISPLAY" "PREFIX;ENVIRONMENT" "LABELS" ${ARGN})
  set(kinds fast)
  if(ARG_HAS_SLOW)
    list(APPEND kinds slow)
  endif()
  if(ARG_HAS_DISPLAY)
    list(APPEND kinds display)
  endif()
  set(script "")
  foreach(kind IN LISTS kinds)
    if(kind STREQUAL "fast")
      set(spec "~[slow]~[display]")
      set(labels ${ARG_LABELS})
    elseif(kind STREQUAL "slow")
      set(spec "[slow]~[display]")
      set(labels ${ARG_LABELS} slow)
    else()
      set(spec "[display]")
      set(labels ${ARG_LABELS} slow display)
    endif()
    catch_discover_tests(${name} TEST_PREFIX "${ARG_PREFIX}:" TEST_SPEC "${spec}" TEST_LIST ${name}_${kind}_TESTS)
    string(APPEND script "foreach(test IN LISTS ${name}_${kind}_TESTS)\n"
                         "  set_tests_properties(\"\${test}\" PROPERTIES LABELS \"${labels}\")\n")
    if(ARG_ENVIRONMENT)
      string(APPEND script "  set_tests_properties(\"\${test}\" PROPERTIES ENVIRONMENT \"${ARG_ENVIRONMENT}\")\n")
    endif()
    string(APPEND script "endforeach()\n")
  endforeach()
  set(file ${CMAKE_CURRENT_BINARY_DIR}/${name}_labels.cmake)
  file(GENERATE OUTPUT ${file} CONTENT "${script}")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${file})
endfunction()

# mop_add_test_suite(NAME PREFIX p LABELS l... SOURCES files... LINK libs... [PCH_FROM target]
#                    [HAS_SLOW] [HAS_DISPLAY])
# PCH_FROM: the files that include tests/support/catch_with_torch.h reuse that target's LibTorch
# precompiled header (the others skip it: glog's CHECK would clash with Catch's).
function(mop_add_test_suite name)
  cmake_parse_arguments(ARG "HAS_SLOW;HAS_DISPLAY" "PREFIX;PCH_FROM" "LABELS;SOURCES;LINK" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE mop_test_main ${ARG_LINK})
  mop_set_warnings(${name})
  if(ARG_PCH_FROM)
    target_precompile_headers(${name} REUSE_FROM ${ARG_PCH_FROM})
    foreach(source IN LISTS ARG_SOURCES)
      file(READ ${CMAKE_CURRENT_SOURCE_DIR}/${source} text)
      if(NOT text MATCHES "tests/support/catch_with_torch.h")
        set_source_files_properties(${source} PROPERTIES SKIP_PRECOMPILE_HEADERS ON)
      endif()
    endforeach()
  endif()
  set(kinds "")
  foreach(option HAS_SLOW HAS_DISPLAY)  # passed on as given
    if(ARG_${option})
      list(APPEND kinds ${option})
    endif()
  endforeach()
  mop_register_catch_tests(${name} PREFIX ${ARG_PREFIX} LABELS ${ARG_LABELS} ${kinds})
endfunction()
