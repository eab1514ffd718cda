// SPDX-License-Identifier: GPL-2.0
/*
 * hc_tsc - print the time-stamp counter of the CPU it runs on, in decimal.
 *
 * kvm.sh reads it before and after kvm/clock_pairing: the TSC that KVM
 * pairs with its wall clock must lie between the two.
 */
#include <stdio.h>
#include <x86intrin.h>

int main(void)
{
	_mm_lfence();
	printf("%llu\n", (unsigned long long)__rdtsc());
	return 0;
}
