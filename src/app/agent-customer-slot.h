/* agent-customer-slot.h — one row of the customer list, whichever customer it shows now
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "bbh.h"

G_BEGIN_DECLS

#define AGENT_TYPE_CUSTOMER_SLOT (agent_customer_slot_get_type ())

G_DECLARE_FINAL_TYPE (AgentCustomerSlot, agent_customer_slot, AGENT, CUSTOMER_SLOT, GObject)

AgentCustomerSlot *agent_customer_slot_new          (guint              position);
guint              agent_customer_slot_get_position (AgentCustomerSlot *self);
BbhCustomer       *agent_customer_slot_get_customer (AgentCustomerSlot *self);
void               agent_customer_slot_set_customer (AgentCustomerSlot *self,
                                                     BbhCustomer       *customer);

G_END_DECLS
