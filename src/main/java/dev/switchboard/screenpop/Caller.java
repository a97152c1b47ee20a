package dev.switchboard.screenpop;

/** What is known of a call's caller when an agent's phone rings: number, name, IVR account. */
record Caller(String number, String name, String ivrAccount) {

    Caller withNumber(String newNumber, String newName) {
        return new Caller(newNumber, newName != null ? newName : name, ivrAccount);
    }

    Caller withIvrAccount(String account) {
        return new Caller(number, name, account);
    }
}
