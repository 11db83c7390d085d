# Generates the OpenGL 3.3 core loader with glad at build time (never committed) and wraps it in
# the static library `mop_glad`. --reproducible makes glad use its bundled Khronos XML instead of
# downloading it, so the build needs no network.
find_program(MOP_GLAD_EXECUTABLE glad REQUIRED)

function(mop_add_glad)
  set(out_dir ${CMAKE_BINARY_DIR}/glad)
  set(outputs ${out_dir}/src/gl.c ${out_dir}/include/glad/gl.h ${out_dir}/include/KHR/khrplatform.h)
  add_custom_command(
    OUTPUT ${outputs}
    COMMAND ${MOP_GLAD_EXECUTABLE} --quiet --reproducible --api gl:core=3.3 --out-path ${out_dir} c
    COMMENT "Generating the OpenGL 3.3 core loader with glad"
    VERBATIM)
  add_library(mop_glad STATIC ${outputs})
  # SYSTEM: generated code is not ours to warn about.
  target_include_directories(mop_glad SYSTEM PUBLIC ${out_dir}/include)
  set_target_properties(mop_glad PROPERTIES POSITION_INDEPENDENT_CODE ON)
  target_link_libraries(mop_glad PUBLIC ${CMAKE_DL_LIBS})
endfunction()
