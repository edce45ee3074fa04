# scripts/gdb/init.gdb — gdb settings and helpers for faultline.
# Read by `make gdb` and tests/run.py, both with the repository root as the
# working directory, so the path below is relative to it.
set pagination off
# pt ADDR (and later vmas, page, faults, ps): `help pt`
source scripts/gdb/faultline.py
