/// Where the VMRUN checks are stated: AMD APM Vol. 2, publication 24593 revision 3.42.
enum APM {
    static let consistencyChecks = "APM Vol. 2 (24593 rev 3.42) section 15.5.1, VMRUN consistency checks"
    static let eventInjection = "APM Vol. 2 (24593 rev 3.42) section 15.20, event injection"
}

/// The VMRUN consistency checks, in the order the APM lists them.
enum SVMChecks {
    static let all: [any Check] = [
        VMRUNRequiresSVME(),
        GuestCR0CacheBitsAreConsistent(),
        GuestControlRegistersHaveNoMBZBits(),
        GuestLongModeIsConsistent(),
        VMRUNIsIntercepted(),
        EventInjectionIsLegal(),
        GuestASIDIsNotZero(),
        ReservedBitsHoldTheirValues(architecture: .svm),
    ]
}
