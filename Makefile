# SPDX-License-Identifier: GPL-2.0-only
#
# lvs-ipsec: IPVS for farms of IPsec VPN servers.
#
#   make            build the patched IPVS module set for KVER
#   make install    install it under $(DESTDIR)/lib/modules/KVER/updates
#   make ipvsadm    build ipvsadm 1.31 with our series (build/ipvsadm/patched)
#   make demo       boot the lab guest and bring up a demo VPN farm
#                   (DEMO=active-active: three directors sharing it by ECMP)
#   make test       run the whole test suite (unit tests and guest lab)
#   make check      checkpatch the kernel series
#   make tools      the tools (tools/, docs/man) into build/tools
#   make bench      benchmarks against stock IPVS: docs/PERFORMANCE.md
#   make fuzz       a fuzzing campaign of 10^7 executions per target (not in
#                   make test); new coverage joins tests/fuzz/corpus/TARGET
#   make deb        Debian packages (DKMS source, docs, tools, ipvsadm) in build/deb
#
# KVER defaults to the kernel of the installed linux-headers-amd64.
# Everything built or downloaded lands in build/ (about 1 GB).

DESTDIR ?= /
export KVER BUILD

.PHONY: all modules install ipvsadm demo test check clean tools bench deb fuzz

all: modules

modules:
	@kernel/scripts/build-set

install: modules
	@kernel/scripts/install-set $(DESTDIR)

ipvsadm:
	@ipvsadm-patches/build >/dev/null

demo:
	@tests/demo

test:
	@tests/run

check:
	@kernel/scripts/checkpatch-series

tools:
	@tools/build

fuzz:
	@FUZZ_RUNS=$${FUZZ_RUNS:-10000000} tests/unit/run

bench:
	@bench/run

deb:
	@packaging/mkdeb

clean:
	rm -rf build
