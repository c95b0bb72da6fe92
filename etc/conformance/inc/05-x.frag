vrrp_instance VI_X {
    interface eth1
    virtual_router_id 61
    virtual_ipaddress {
        10.5.0.1
    }
}
