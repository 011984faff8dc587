/* agent-customer-sales.h — a customer's sales and their results
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "bbh.h"

G_BEGIN_DECLS

#define AGENT_TYPE_CUSTOMER_SALES (agent_customer_sales_get_type ())

G_DECLARE_FINAL_TYPE (AgentCustomerSales, agent_customer_sales, AGENT, CUSTOMER_SALES, AdwBin)

GtkWidget   *agent_customer_sales_new       (void);
void         agent_customer_sales_load      (AgentCustomerSales *self,
                                             BbhClient          *client,
                                             const char         *phone);
void         agent_customer_sales_clear     (AgentCustomerSales *self);
GListModel  *agent_customer_sales_get_sales (AgentCustomerSales *self);
BbhSale     *agent_customer_sales_find      (AgentCustomerSales *self,
                                             gint64              sale_id);

G_END_DECLS
