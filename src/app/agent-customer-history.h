/* agent-customer-history.h — a customer's calls and notes, one timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "bbh.h"

G_BEGIN_DECLS

#define AGENT_TYPE_CUSTOMER_HISTORY (agent_customer_history_get_type ())

G_DECLARE_FINAL_TYPE (AgentCustomerHistory, agent_customer_history, AGENT, CUSTOMER_HISTORY, AdwBin)

GtkWidget   *agent_customer_history_new        (void);
void         agent_customer_history_load       (AgentCustomerHistory *self,
                                                BbhClient            *client,
                                                GListModel           *phones);
void         agent_customer_history_clear      (AgentCustomerHistory *self);
guint        agent_customer_history_get_n_items (AgentCustomerHistory *self);
gboolean     agent_customer_history_get_loaded (AgentCustomerHistory *self);

G_END_DECLS
