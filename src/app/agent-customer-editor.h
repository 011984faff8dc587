/* agent-customer-editor.h — create or change a customer record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "agent-outbox.h"
#include "agent-session.h"

G_BEGIN_DECLS

#define AGENT_TYPE_CUSTOMER_EDITOR (agent_customer_editor_get_type ())

G_DECLARE_FINAL_TYPE (AgentCustomerEditor, agent_customer_editor, AGENT, CUSTOMER_EDITOR, AdwWindow)

AgentCustomerEditor *agent_customer_editor_new_for_phone    (AgentSession        *session,
                                                             const char          *phone);
AgentCustomerEditor *agent_customer_editor_new_for_customer (AgentSession        *session,
                                                             BbhCustomer         *customer);
void                 agent_customer_editor_set_outbox       (AgentCustomerEditor *self,
                                                             AgentOutbox         *outbox);
BbhCustomerEdit     *agent_customer_editor_get_edit         (AgentCustomerEditor *self);
const char          *agent_customer_editor_get_error        (AgentCustomerEditor *self);
gboolean             agent_customer_editor_save             (AgentCustomerEditor *self);

G_END_DECLS
