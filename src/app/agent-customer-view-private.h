/* agent-customer-view-private.h — what the customer record's two files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "agent-customer-editor.h"
#include "agent-customer-fields.h"
#include "agent-customer-history.h"
#include "agent-customer-sales.h"
#include "agent-customer-view.h"

G_BEGIN_DECLS

struct _AgentCustomerView
{
  AdwBin parent_instance;

  /* Template widgets */
  GtkStack       *stack;
  AdwStatusPage  *error_page;
  AdwStatusPage  *unknown_page;
  GtkWidget      *create_button;
  GtkLabel       *name_label;
  GtkLabel       *corp_label;
  GtkLabel       *summary_label;
  GtkWidget      *locked_box;
  GtkLabel       *locked_label;
  GtkWidget      *pending_box;
  GtkButton      *lock_button;
  GtkListBox     *phone_list;
  GtkListBox     *detail_list;
  AgentCustomerSales   *sales;
  AgentCustomerHistory *history;

  /* Owned */
  AgentSession        *session;
  AgentOutbox         *outbox;
  AgentCustomerFields *fields;
  BbhCustomer         *customer;
  char                *phone;          /* the number asked for, or the customer's first */
  GCancellable        *cancellable;    /* getcustomer */

  guint                pending : 1;
};

void         agent_customer_view_install_actions (GtkWidgetClass      *widget_class);
void         agent_customer_view_update_actions  (AgentCustomerView   *self);
void         agent_customer_view_cancel_loads    (AgentCustomerView   *self);
void         agent_customer_view_present_editor  (AgentCustomerView   *self,
                                                  AgentCustomerEditor *editor);
void         agent_customer_view_toast           (AgentCustomerView   *self,
                                                  const char          *message);
void         agent_customer_view_emit_queued     (AgentCustomerView   *self,
                                                  gint64               entry_id,
                                                  AgentOutboxKind      kind,
                                                  gint64               customer_id,
                                                  const char          *phone);
void         agent_customer_view_emit_deleted    (AgentCustomerView   *self,
                                                  gint64               customer_id);

G_END_DECLS
