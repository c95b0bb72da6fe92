package keepalived.config.global;

import static keepalived.config.global.GlobalConfigFixture.defs;
import static keepalived.config.global.GlobalConfigFixture.globals;
import static keepalived.config.global.GlobalConfigFixture.messages;
import static keepalived.config.global.GlobalDefsKeywords.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import keepalived.config.Block;
import keepalived.config.ConfigLoader;
import keepalived.config.Keyword;
import org.junit.jupiter.api.Test;

/** The global_defs table against keepalived 2.2.7's observed values, messages and lines. */
class GlobalDefsKeywordsTest {

    @Test
    void defaultsWhenNothingIsSet() throws Exception {
        Block g = defs(globals(""));
        assertEquals(5_000_000L, g.get(VRRP_GARP_MASTER_DELAY));
        assertEquals(5, g.get(VRRP_GARP_MASTER_REPEAT));
        assertEquals(1, g.get(VRRP_GARP_MASTER_REFRESH_REPEAT));
        assertEquals(2, g.get(VRRP_VERSION));
        assertEquals(30_000_000L, g.get(SMTP_CONNECT_TIMEOUT));
        assertEquals(InetAddress.getByName("224.0.0.18"), g.get(VRRP_MCAST_GROUP4));
        assertEquals(InetAddress.getByName("ff02::12"), g.get(VRRP_MCAST_GROUP6));
        assertEquals("eth0", g.get(DEFAULT_INTERFACE));
        assertEquals(3, g.get(VRRP_DOWN_TIMER_ADVERTS));
        assertEquals(022, g.get(UMASK));
        assertEquals(1000L, g.get(NFTABLES_IPVS_START_FWMARK));
        assertEquals(5_000_000L, garpLowerPrioDelay(g));
        assertEquals(5, garpLowerPrioRepeat(g));
    }

    @Test
    void typicalGlobalDefs() throws Exception {
        ConfigLoader.Result r = globals("""
                 router_id LVS_1
                 notification_email {
                   a@example.com
                   "Joe <j@example.com>"
                 }
                 notification_email_from k@example.com
                 smtp_server 10.0.0.1 2525
                 smtp_connect_timeout 12
                 vrrp_garp_master_delay 10
                 vrrp_garp_interval 0.001
                 vrrp_mcast_group4 224.0.0.19
                 vrrp_garp_extra_if all 100
                 nftables
                 lvs_timeouts tcp 7 udp 9
                 vrrp_rlimit_rtime 5000""");
        assertEquals(List.of(), messages(r));
        Block g = defs(r);
        assertEquals("LVS_1", g.get(ROUTER_ID));
        assertEquals(List.of("a@example.com", "Joe <j@example.com>"), g.get(NOTIFICATION_EMAIL));
        assertEquals(2525, g.get(SMTP_SERVER).getPort());
        assertEquals(12_000_000L, g.get(SMTP_CONNECT_TIMEOUT));
        assertEquals(10_000_000L, garpLowerPrioDelay(g));
        assertEquals(1_000L, g.get(VRRP_GARP_INTERVAL));
        assertEquals(InetAddress.getByName("224.0.0.19"), g.get(VRRP_MCAST_GROUP4));
        assertEquals(new GarpExtraIf(100_000_000L, true), g.get(VRRP_GARP_EXTRA_IF));
        assertEquals("keepalived", g.get(NFTABLES));
        assertEquals(new LvsTimeouts(7, null, 9), g.get(LVS_TIMEOUTS));
        assertEquals(5000L, g.get(VRRP_RLIMIT_RTTIME));
        assertEquals(8, g.originOf(SMTP_SERVER).line());
    }

    @Test
    void missingValuesReportedAndIgnored() {
        ConfigLoader.Result r = globals(" router_id\n notification_email_from\n default_interface\n script_user");
        assertEquals(List.of("2 routerid name missing - ignoring", "3 emailfrom missing - ignoring",
                "4 default_interface requires interface name", "5 No script username specified"), messages(r));
        assertEquals(5, r.problems().exitCode());
        assertNull(defs(r).get(ROUTER_ID));
    }

    @Test
    void missingParameterAbortsLikeKeepalived() {
        ConfigLoader.Result r = globals(" router_id x\n vrrp_garp_master_delay");
        assertEquals(2, r.problems().exitCode());
        assertEquals(List.of("3 *** Configuration line starting `vrrp_garp_master_delay` is missing a parameter"
                + " after keyword `vrrp_garp_master_delay` at word position 2"), messages(r));
    }

    @Test
    void numberErrorsAreTwoMessagesOnOneLine() {
        ConfigLoader.Result r = globals("""
                 vrrp_garp_master_delay abc
                 vrrp_garp_master_repeat 99999999999
                 vrrp_version 4
                 smtp_connect_timeout -1
                 vrrp_garp_interval 1.5x
                 vrrp_garp_master_repeat 0""");
        assertEquals(List.of(
                "2 invalid number 'abc'", "2 vrrp_garp_master_delay 'abc' invalid - ignoring",
                "3 number '99999999999' outside unsigned integer range",
                "3 vrrp_garp_master_repeat '99999999999' invalid - ignoring",
                "4 number '4' outside range [2, 3]", "4 VRRP Error: Version must be either 2 or 3",
                "5 negative number '-1'", "5 smtp_connect_timeout '-1' must be in [0, 4294] - ignoring",
                "6 invalid number '1.5x'", "6 vrrp_garp_interval '1.5x' is invalid",
                "7 vrrp_garp_master_repeat must be greater than 0, setting to 1"), messages(r));
        Block g = defs(r);
        assertEquals(5_000_000L, g.get(VRRP_GARP_MASTER_DELAY));
        assertEquals(1, g.get(VRRP_GARP_MASTER_REPEAT));
    }

    @Test
    void timerDecimalsAndRange() {
        ConfigLoader.Result r = globals(" vrrp_garp_interval 0\n vrrp_gna_interval 0.0000001");
        assertEquals(List.of("2 number '0' outside range [0.000001, 4294.967295]", "2 vrrp_garp_interval '0' is invalid",
                "3 number '0.0000001' has too many decimal places",
                "3 number '0.0000001' outside range [0.000001, 4294.967295]",
                "3 vrrp_gna_interval '0.0000001' is invalid"), messages(r));
    }

    @Test
    void booleansAreCaseSensitive() {
        ConfigLoader.Result r = globals(" smtp_alert ON\n vrrp_min_garp bogus\n smtp_alert_vrrp off\n data_use_instance x");
        assertEquals(List.of("2 Invalid value 'ON' for global smtp_alert specified",
                "3 Invalid value for vrrp_min_garp specified",
                "5 Invalid value 'x' for global date_use_instance specified"), messages(r));
        assertEquals(Boolean.FALSE, defs(r).get(SMTP_ALERT_VRRP));
        assertNull(defs(r).get(SMTP_ALERT));
    }

    @Test
    void multicastGroupsAreChecked() {
        ConfigLoader.Result r = globals(" vrrp_mcast_group4 1.2.3.4\n vrrp_mcast_group4 abc\n vrrp_mcast_group6 224.0.0.18");
        assertEquals(List.of("2 vrrp_mcast_group4 [1.2.3.4] is not multicast. Skipping",
                "3 Can't parse vrrp_mcast_group4 [abc]. Skipping",
                "4 vrrp_mcast_group6 [224.0.0.18] is not IPv6. Skipping"), messages(r));
    }

    @Test
    void smtpServerPortErrors() {
        ConfigLoader.Result r = globals(" smtp_server 1.2.3.4 0\n smtp_server bad/x");
        assertEquals(List.of("2 number '0' outside range [1, 65535]", "2 Invalid smtp server 1.2.3.4 0",
                "3 Invalid smtp server bad/x 25"), messages(r));
    }

    @Test
    void deprecatedExtraIfSpellingWarns() {
        ConfigLoader.Result r = globals(" vrrp_vmac_garp_intvl 100");
        assertEquals(List.of("2 Keyword \"vrrp_vmac_garp_intvl\" is deprecated - please use \"vrrp_garp_extra_if\""),
                messages(r));
        assertEquals(new GarpExtraIf(100_000_000L, false), defs(r).get(VRRP_GARP_EXTRA_IF));
    }

    @Test
    void oldSpellingsAreAliases() {
        ConfigLoader.Result r = globals(" lvs_flush_onstop VS\n enable_snmp_keepalived\n lvs_process_name chk\n"
                + " checker_rlimit_rtime 7");
        assertEquals(List.of(), messages(r));
        Block g = defs(r);
        assertEquals(LvsFlushOnStop.VS, g.get(LVS_FLUSH_ON_STOP));
        assertTrue(g.get(ENABLE_SNMP_VRRP));
        assertEquals("chk", g.get(CHECKER_PROCESS_NAME));
        assertEquals(7L, g.get(CHECKER_RLIMIT_RTTIME));
    }

    @Test
    void lvsSyncDaemonOptions() throws Exception {
        ConfigLoader.Result r = globals(" lvs_sync_daemon eth0 inst VI_1 id 5 maxlen 100 port 1 ttl 2 group 224.0.0.81");
        assertEquals(List.of(), messages(r));
        assertEquals(new LvsSyncDaemon("eth0", "VI_1", 5, 100, 1, 2, InetAddress.getByName("224.0.0.81"),
                defs(r).originOf(LVS_SYNC_DAEMON)), defs(r).get(LVS_SYNC_DAEMON));
        r = globals(" lvs_sync_daemon eth0 VI_1 5\n lvs_sync_daemon eth1");
        assertEquals(List.of("2 Please use keyword \"id\" before lvs_sync_daemon SYNCID",
                "3 lvs_sync_daemon has already been specified as eth0 VI_1 - ignoring"), messages(r));
    }

    @Test
    void umaskForms() {
        assertEquals(040 | 02, defs(globals(" umask IRGRP | IWOTH")).get(UMASK));
        assertEquals(0x1ff, defs(globals(" umask 0x1ff")).get(UMASK));
        assertEquals(List.of("2 invalid umask value 01000"), messages(globals(" umask 01000")));
        assertEquals(List.of("2 Unknown umask bit IRWXU"), messages(globals(" umask IRWXU")));
    }

    @Test
    void processNamesAreTruncated() {
        ConfigLoader.Result r = globals(" process_name abcdefghijklmnopqrstuvwxyz");
        assertEquals(List.of("2 Process name abcdefghijklmnopqrstuvwxyz more than 15 characters, truncating"),
                messages(r));
        assertEquals("abcdefghijklmno", defs(r).get(PROCESS_NAME));
    }

    @Test
    void startupScriptWithoutSecurityIsASecurityViolation() {
        ConfigLoader.Result r = globals(" startup_script /bin/true\n startup_script /bin/false");
        assertEquals(List.of("3 startup script already specified",
                "0 SECURITY VIOLATION - start/shutdown scripts are being executed but script_security not enabled."),
                messages(r));
        assertEquals(6, r.problems().exitCode());
        assertEquals("/bin/true", defs(r).get(STARTUP_SCRIPT).command());
        assertEquals(0, messages(globals(" enable_script_security\n script_user root\n startup_script /bin/true"))
                .size());
    }

    @Test
    void includeCheckWords() {
        ConfigLoader.Result r = globals(" include_check +match -brace_match readable");
        assertEquals(List.of("2 Unknown include_check type 'readable' - ignoring"), messages(r));
        assertEquals(Set.of("match"), defs(r).get(INCLUDE_CHECK));
    }

    @Test
    void rootKeywordsAreUnknownInsideGlobalDefs() {
        assertEquals(List.of("2 Unknown keyword 'net_namespace'"), messages(globals(" net_namespace x")));
    }

    @Test
    void newerKeywordsAreMarked() {
        assertEquals("2.4", SCHEMA.keyword("json_version").since());
        assertEquals("2.4", SCHEMA.keyword("vrrp_owner_ignore_adverts").since());
        assertEquals("2.2.7", SCHEMA.keyword("vrrp_garp_extra_if").since());
        assertEquals(Keyword.Support.UNSUPPORTED, SCHEMA.keyword("enable_dbus").support());
        assertEquals(Keyword.Support.UNSUPPORTED, SCHEMA.keyword("enable_snmp_keepalived").support());
        assertFalse(SCHEMA.keyword("vrrp_strict").support() == Keyword.Support.UNSUPPORTED);
    }
}
