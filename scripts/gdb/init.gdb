# scripts/gdb/init.gdb — gdb settings and helpers for faultline.
# Read by `make gdb` and tests/run.py, both with the repository root as the
# working directory, so the path below is relative to it.
set pagination off
# read code from the ELF file, not the target: at reset the kernel is not
# mapped yet, and gdb needs its prologues to place function breakpoints
# after them (where an -O0 build has stored the arguments)
set trust-readonly-sections on
# pt ADDR, vmas [PID], page PFN|ADDR, faults [N], ps, break-fault KIND [ADDR]:
# `help NAME` for each; `break-fault list` for the fault paths to stop in
source scripts/gdb/faultline.py
