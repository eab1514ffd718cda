// SPDX-License-Identifier: GPL-2.0
/*
 * The exported VMware backdoor functions, under the names and signatures of
 * Linux 6.11+ <asm/vmware.h>.  Each one is the inline API of
 * <hypercall/vmware.h>, compiled once here.
 */

#define HC_VMWARE_EXPORTED_API
#include <linux/export.h>
#include <hypercall/vmware.h>

/**
 * vmware_hypercall1() - backdoor call with one input, one output
 * @cmd: command, in ECX
 * @in1: EBX
 *
 * Return: EAX, or HC_VMW_ERROR if the call could not be made.
 */
unsigned long vmware_hypercall1(unsigned long cmd, unsigned long in1)
{
	return hc_vmware_hypercall1(cmd, in1);
}
EXPORT_SYMBOL_GPL(vmware_hypercall1);

/**
 * vmware_hypercall3() - backdoor call returning EBX and ECX too
 * @cmd: command, in ECX
 * @in1: EBX
 * @out1: EBX on return (may be NULL)
 * @out2: ECX on return (may be NULL)
 *
 * Return: EAX, or HC_VMW_ERROR if the call could not be made.
 */
unsigned long vmware_hypercall3(unsigned long cmd, unsigned long in1,
				u32 *out1, u32 *out2)
{
	return hc_vmware_hypercall3(cmd, in1, out1, out2);
}
EXPORT_SYMBOL_GPL(vmware_hypercall3);

/**
 * vmware_hypercall4() - backdoor call returning EBX, ECX and EDX too
 * @cmd: command, in ECX
 * @in1: EBX
 * @out1: EBX on return (may be NULL)
 * @out2: ECX on return (may be NULL)
 * @out3: EDX on return (may be NULL)
 *
 * Return: EAX, or HC_VMW_ERROR if the call could not be made.
 */
unsigned long vmware_hypercall4(unsigned long cmd, unsigned long in1,
				u32 *out1, u32 *out2, u32 *out3)
{
	return hc_vmware_hypercall4(cmd, in1, out1, out2, out3);
}
EXPORT_SYMBOL_GPL(vmware_hypercall4);

/**
 * vmware_hypercall5() - backdoor call with five inputs, returning ECX
 * @cmd: command, in ECX
 * @in1: EBX
 * @in3: EDX (bits 15:0 are replaced by the port or flags, except over TDX,
 *       which passes EDX whole)
 * @in4: ESI
 * @in5: EDI
 * @out2: ECX on return (may be NULL)
 *
 * Return: EAX, or HC_VMW_ERROR if the call could not be made.
 */
unsigned long vmware_hypercall5(unsigned long cmd, unsigned long in1,
				unsigned long in3, unsigned long in4,
				unsigned long in5, u32 *out2)
{
	return hc_vmware_hypercall5(cmd, in1, in3, in4, in5, out2);
}
EXPORT_SYMBOL_GPL(vmware_hypercall5);

/**
 * vmware_hypercall6() - backdoor call returning ECX, EDX, ESI and EDI
 * @cmd: command, in ECX
 * @in1: EBX
 * @in3: EDX (bits 15:0 are replaced by the port or flags, except over TDX,
 *       which passes EDX whole)
 * @out2: ECX on return (may be NULL)
 * @out3: EDX on return (may be NULL)
 * @out4: ESI on return (may be NULL)
 * @out5: EDI on return (may be NULL)
 *
 * Return: EAX, or HC_VMW_ERROR if the call could not be made.
 */
unsigned long vmware_hypercall6(unsigned long cmd, unsigned long in1,
				unsigned long in3, u32 *out2,
				u32 *out3, u32 *out4, u32 *out5)
{
	return hc_vmware_hypercall6(cmd, in1, in3, out2, out3, out4, out5);
}
EXPORT_SYMBOL_GPL(vmware_hypercall6);

/**
 * vmware_hypercall7() - backdoor call with five inputs, returning EBX, ECX
 * and EDX
 * @cmd: command, in ECX
 * @in1: EBX
 * @in3: EDX (bits 15:0 are replaced by the port or flags, except over TDX,
 *       which passes EDX whole)
 * @in4: ESI
 * @in5: EDI
 * @out1: EBX on return (may be NULL)
 * @out2: ECX on return (may be NULL)
 * @out3: EDX on return (may be NULL)
 *
 * Return: EAX, or HC_VMW_ERROR if the call could not be made.
 */
unsigned long vmware_hypercall7(unsigned long cmd, unsigned long in1,
				unsigned long in3, unsigned long in4,
				unsigned long in5, u32 *out1,
				u32 *out2, u32 *out3)
{
	return hc_vmware_hypercall7(cmd, in1, in3, in4, in5, out1, out2, out3);
}
EXPORT_SYMBOL_GPL(vmware_hypercall7);

/**
 * vmware_hypercall_hb_out() - high-bandwidth transfer, guest to host
 * @cmd: HB command and status, in EBX
 * @in2: byte count, in ECX
 * @in3: EDX (bits 15:0 are replaced by the port or the HB|OUT flags)
 * @in4: address of the guest buffer, in ESI
 * @in5: EDI
 * @in6: EBP
 * @out1: EBX on return (may be NULL)
 *
 * Return: EAX, or HC_VMW_ERROR if the call could not be made (also where
 * guest memory is encrypted).
 */
unsigned long vmware_hypercall_hb_out(unsigned long cmd, unsigned long in2,
				      unsigned long in3, unsigned long in4,
				      unsigned long in5, unsigned long in6,
				      u32 *out1)
{
	return hc_vmware_hypercall_hb_out(cmd, in2, in3, in4, in5, in6, out1);
}
EXPORT_SYMBOL_GPL(vmware_hypercall_hb_out);

/**
 * vmware_hypercall_hb_in() - high-bandwidth transfer, host to guest
 * @cmd: HB command and status, in EBX
 * @in2: byte count, in ECX
 * @in3: EDX (bits 15:0 are replaced by the port or the HB flag)
 * @in4: ESI
 * @in5: address of the guest buffer, in EDI
 * @in6: EBP
 * @out1: EBX on return (may be NULL)
 *
 * Return: EAX, or HC_VMW_ERROR if the call could not be made (also where
 * guest memory is encrypted).
 */
unsigned long vmware_hypercall_hb_in(unsigned long cmd, unsigned long in2,
				     unsigned long in3, unsigned long in4,
				     unsigned long in5, unsigned long in6,
				     u32 *out1)
{
	return hc_vmware_hypercall_hb_in(cmd, in2, in3, in4, in5, in6, out1);
}
EXPORT_SYMBOL_GPL(vmware_hypercall_hb_in);
