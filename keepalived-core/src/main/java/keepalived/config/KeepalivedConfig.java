package keepalived.config;

import java.util.List;
import keepalived.config.bfd.BfdKeywords;
import keepalived.config.check.CheckKeywords;
import keepalived.config.global.GlobalDefsKeywords;
import keepalived.config.net.StaticKeywords;
import keepalived.config.vrrp.VrrpKeywords;

/**
 * The whole parsed configuration: an immutable tree of {@link Block}s under the top level,
 * read with the typed keys of each block's keyword table.
 */
public record KeepalivedConfig(Block root) {

    /** The merged {@code global_defs} blocks (an empty block when there are none). */
    public Block globalDefs() {
        Block b = root.get(GlobalDefsKeywords.GLOBAL_DEFS);
        return b != null ? b : new Block.Builder("global_defs", List.of(), new Origin("", 0)).build();
    }

    public List<Block> vrrpInstances() {
        return root.blocks(VrrpKeywords.VRRP_INSTANCES);
    }

    public List<Block> vrrpScripts() {
        return root.blocks(VrrpKeywords.VRRP_SCRIPTS);
    }

    public List<Block> syncGroups() {
        return root.blocks(VrrpKeywords.VRRP_SYNC_GROUPS);
    }

    public List<Block> garpGroups() {
        return root.blocks(keepalived.config.vrrp.GarpGroupKeywords.GARP_GROUPS);
    }

    public List<Block> virtualServers() {
        return root.blocks(CheckKeywords.VIRTUAL_SERVERS);
    }

    public List<Block> virtualServerGroups() {
        return root.blocks(CheckKeywords.VIRTUAL_SERVER_GROUPS);
    }

    public List<Block> bfdInstances() {
        return root.blocks(BfdKeywords.BFD_INSTANCES);
    }

    /** True when the config has anything for the VRRP process (keepalived's rule). */
    public boolean needsVrrp() {
        return !vrrpInstances().isEmpty() || StaticKeywords.isUsed(root);
    }

    /** True when the config has virtual servers for the checker process. */
    public boolean needsChecker() {
        return !virtualServers().isEmpty();
    }

    public boolean needsBfd() {
        return !bfdInstances().isEmpty();
    }
}
