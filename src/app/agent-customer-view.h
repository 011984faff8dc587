/* agent-customer-view.h — one customer: every field, numbers, sales, calls and notes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "agent-customer-editor.h"
#include "agent-outbox.h"
#include "agent-session.h"

G_BEGIN_DECLS

#define AGENT_TYPE_CUSTOMER_VIEW (agent_customer_view_get_type ())

G_DECLARE_FINAL_TYPE (AgentCustomerView, agent_customer_view, AGENT, CUSTOMER_VIEW, AdwBin)

GtkWidget   *agent_customer_view_new           (void);
void         agent_customer_view_set_session   (AgentCustomerView *self,
                                                AgentSession      *session);
void         agent_customer_view_set_outbox    (AgentCustomerView *self,
                                                AgentOutbox       *outbox);
void         agent_customer_view_show_customer (AgentCustomerView *self,
                                                BbhCustomer       *customer);
void         agent_customer_view_show_phone    (AgentCustomerView *self,
                                                const char        *phone);
AgentCustomerEditor *agent_customer_view_create (AgentCustomerView *self,
                                                 const char        *phone);
void         agent_customer_view_reload        (AgentCustomerView *self);
void         agent_customer_view_clear         (AgentCustomerView *self);
BbhCustomer *agent_customer_view_get_customer  (AgentCustomerView *self);
const char  *agent_customer_view_get_phone     (AgentCustomerView *self);
const char  *agent_customer_view_get_state     (AgentCustomerView *self);
void         agent_customer_view_set_pending   (AgentCustomerView *self,
                                                gboolean           pending);
GListModel  *agent_customer_view_get_sales     (AgentCustomerView *self);
guint        agent_customer_view_get_n_history (AgentCustomerView *self);
gboolean     agent_customer_view_get_history_loaded (AgentCustomerView *self);

G_END_DECLS
