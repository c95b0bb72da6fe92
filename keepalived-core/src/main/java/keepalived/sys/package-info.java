/**
 * The native floor of keepalived-java: one JNR-FFI libc binding ({@link keepalived.sys.Native}) whose
 * failures arrive as {@link keepalived.sys.NativeException} (call + errno), plus the capability probe.
 */
package keepalived.sys;
