vrrp_instance VI_Y {
    interface eth2
    virtual_router_id 62
    virtual_ipaddress {
        10.5.0.2
    }
}
