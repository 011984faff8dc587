/* agent-customers-page.h — the company's customers: search, filters, the list and one record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "agent-customer-filters.h"
#include "agent-customer-view.h"
#include "agent-paged-model.h"

G_BEGIN_DECLS

#define AGENT_TYPE_CUSTOMERS_PAGE (agent_customers_page_get_type ())

G_DECLARE_FINAL_TYPE (AgentCustomersPage, agent_customers_page, AGENT, CUSTOMERS_PAGE, AdwBin)

GtkWidget         *agent_customers_page_new          (void);
AgentPagedModel   *agent_customers_page_get_model    (AgentCustomersPage *self);
AgentCustomerView *agent_customers_page_get_view     (AgentCustomersPage *self);
AgentCustomerFilters *agent_customers_page_get_filters (AgentCustomersPage *self);
const char        *agent_customers_page_get_state    (AgentCustomersPage *self);
void               agent_customers_page_open_phone   (AgentCustomersPage *self,
                                                      const char         *phone);
void               agent_customers_page_select       (AgentCustomersPage *self,
                                                      guint               position);
gboolean           agent_customers_page_is_pending   (AgentCustomersPage *self,
                                                      gint64              customer_id);

G_END_DECLS
