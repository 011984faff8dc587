/* agent-customer-row.h — one customer in the customer list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "bbh.h"

G_BEGIN_DECLS

#define AGENT_TYPE_CUSTOMER_ROW (agent_customer_row_get_type ())

G_DECLARE_FINAL_TYPE (AgentCustomerRow, agent_customer_row, AGENT, CUSTOMER_ROW, GtkBox)

GtkWidget   *agent_customer_row_new          (void);
void         agent_customer_row_set_customer (AgentCustomerRow *self,
                                              BbhCustomer      *customer,
                                              const char       *phone,
                                              const char       *status_text,
                                              gboolean          pending);

G_END_DECLS
