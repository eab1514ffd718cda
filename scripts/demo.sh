#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make demo: build, boot the vmware guest (Debian 6.12, QEMU's real backdoor
# port behind a VMware identity), load the module and show what it says.

set -euo pipefail
. "$(dirname "$0")/lib.sh"

"$HC_ROOT/scripts/deps.sh"
exec "$HC_ROOT/scripts/guest.sh" -d vmware 6.12
