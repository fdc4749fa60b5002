# SPDX-License-Identifier: GPL-2.0-only
#
# lvs-ipsec: IPVS for farms of IPsec VPN servers.
#
#   make            build the patched IPVS module set for KVER
#   make install    install it under $(DESTDIR)/lib/modules/KVER/updates
#   make demo       boot the lab guest and bring up a demo VPN farm
#   make test       run the whole test suite (unit tests and guest lab)
#   make check      checkpatch the kernel series
#   make tools      the userspace tools (flood, load generator, sink)
#   make bench      benchmarks against stock IPVS: docs/PERFORMANCE.md
#
# KVER defaults to the kernel of the installed linux-headers-amd64.
# Everything built or downloaded lands in build/ (about 1 GB).

DESTDIR ?= /
export KVER BUILD

.PHONY: all modules install demo test check clean tools bench

all: modules

modules:
	@kernel/scripts/build-set

install: modules
	@kernel/scripts/install-set $(DESTDIR)

demo:
	@tests/demo

test:
	@tests/run

check:
	@kernel/scripts/checkpatch-series

tools:
	@kernel/scripts/need-packages gcc make libc6-dev
	@$(MAKE) -s -C tools OUT=$(abspath $(or $(BUILD),build))/tools

bench:
	@bench/run

clean:
	rm -rf build
