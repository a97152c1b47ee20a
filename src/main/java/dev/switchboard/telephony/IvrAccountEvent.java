package dev.switchboard.telephony;

import org.asteriskjava.manager.event.UserEvent;

/**
 * {@code UserEvent: IvrAccount} sent by the IVR dialplan with the account number the caller
 * keyed in. Asterisk-Java drops user events whose class is not registered, hence this class;
 * its bean properties are filled by Asterisk-Java from the event's fields.
 */
public class IvrAccountEvent extends UserEvent {

    private static final long serialVersionUID = 1L;
    private String account;
    private String linkedId;

    public IvrAccountEvent(Object source) {
        super(source);
    }

    public String getAccount() {
        return account;
    }

    public void setAccount(String account) {
        this.account = account;
    }

    public String getLinkedId() {
        return linkedId;
    }

    public void setLinkedId(String linkedId) {
        this.linkedId = linkedId;
    }
}
