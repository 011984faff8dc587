/* agent-customer-filters.h — what narrows the customer list: status, type, lock, dates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "agent-customer-fields.h"

G_BEGIN_DECLS

#define AGENT_TYPE_CUSTOMER_FILTERS (agent_customer_filters_get_type ())

G_DECLARE_FINAL_TYPE (AgentCustomerFilters, agent_customer_filters, AGENT, CUSTOMER_FILTERS, GtkPopover)

GtkWidget   *agent_customer_filters_new        (void);
void         agent_customer_filters_set_fields (AgentCustomerFilters *self,
                                                AgentCustomerFields  *fields);
gboolean     agent_customer_filters_apply      (AgentCustomerFilters *self,
                                                BbhCustomerQuery     *query);
void         agent_customer_filters_clear      (AgentCustomerFilters *self);

G_END_DECLS
