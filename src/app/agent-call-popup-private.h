/* agent-call-popup-private.h — what the files of AgentCallPopup share
 *
 * agent-call-popup.c holds the object, the call's state and the public API;
 * agent-call-popup-lookups.c asks the server and fills the sections;
 * agent-call-popup-actions.c saves memos and customers and answers the buttons.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib/gi18n.h>

#include "agent-call-popup.h"
#include "agent-customer-fields.h"

G_BEGIN_DECLS

#define AGENT_CALL_POPUP_LIST_LIMIT 5

struct _AgentCallPopup
{
  AdwWindow       parent_instance;

  /* Template widgets */
  AdwWindowTitle *window_title;
  GtkImage       *direction_image;
  GtkLabel       *number_label;
  GtkLabel       *area_label;
  GtkLabel       *state_label;
  GtkButton      *play_button;
  GtkButton      *call_back_button;
  GtkStack       *customer_stack;
  GtkSpinner     *customer_spinner;
  GtkListBox     *customer_list;
  GtkWidget      *customer_actions;
  GtkButton      *lock_button;
  GtkLabel       *customer_error_label;
  GtkStack       *memos_stack;
  GtkSpinner     *memos_spinner;
  GtkListBox     *memos_list;
  GtkLabel       *memos_error_label;
  GtkStack       *calls_stack;
  GtkSpinner     *calls_spinner;
  GtkListBox     *calls_list;
  GtkLabel       *calls_error_label;
  GtkTextView    *memo_view;
  GtkLabel       *memo_status_label;
  GtkButton      *save_button;

  /* Owned */
  BbhClient      *client;
  AgentCustomerFields *fields;      /* the company's code lists, to name status and type */
  GSettings      *settings;
  AgentOutbox    *outbox;
  GCancellable   *cancellable;      /* everything about the current call */
  BbhCustomer    *customer;
  BbhCallRecord  *record;
  char           *phone;
  char           *saving_text;
  GtkWidget      *question;         /* the "save the memo?" dialog while it is open */

  AgentCallState  state;
  gint64          msg_time;
  gint64          cdr_id;
  gint64          answered_us;      /* monotonic */
  guint           talk_seconds;
  guint           timer_id;
  guint           record_retry_id;
  guint           record_attempts;
  guint           spinner_id;
  guint           lookup_fallback_id;
  gulong          after_paint_id;
  gulong          delivered_id;     /* on the outbox, while a customer created here is sent */
  gint64          created_entry;    /* that customer's outbox entry */
  GdkFrameClock  *paint_clock;
  guint           outgoing : 1;
  guint           locked : 1;           /* as shown: the server's, or the agent's latest */
  guint           lookups_started : 1;
  guint           saving : 1;
  guint           close_after_save : 1;
  guint           close_confirmed : 1;
};

static inline char *
format_duration (guint seconds)
{
  if (seconds >= 3600)
    return g_strdup_printf ("%u:%02u:%02u", seconds / 3600, (seconds / 60) % 60, seconds % 60);
  return g_strdup_printf ("%02u:%02u", seconds / 60, seconds % 60);
}

/* The server's "yyyy-mm-dd hh:mm:ss" without the seconds; anything else as it came. */
static inline char *
format_server_time (const char *text)
{
  if (text == NULL)
    return g_strdup ("");
  if (strlen (text) == 19 && text[4] == '-' && text[13] == ':')
    return g_strndup (text, 16);
  return g_strdup (text);
}

static inline void
list_box_clear (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* Server text is text: never markup. */
static inline GtkWidget *
text_row (const char *title,
          const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title != NULL ? title : "");
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static inline gboolean
is_empty (const char *s)
{
  return s == NULL || *s == '\0';
}

static inline gboolean
is_cancelled (GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static inline void
set_section (GtkStack   *stack,
             GtkSpinner *spinner,
             const char *name)
{
  /* A spinner only turns once an answer is slow (agent_call_popup_begin_lookups()): a
   * fast answer is not worth three animations redrawing the window every frame. */
  if (!g_str_equal (name, "loading"))
    gtk_spinner_set_spinning (spinner, FALSE);
  gtk_stack_set_visible_child_name (stack, name);
}

static inline char *
dup_memo_text (AgentCallPopup *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->memo_view);
  GtkTextIter start, end;
  char *text;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  return g_strstrip (text);
}


/* agent-call-popup.c */
void       agent_call_popup_update_title        (AgentCallPopup *self);
void       agent_call_popup_update_state_label  (AgentCallPopup *self);
void       agent_call_popup_set_talk_seconds    (AgentCallPopup *self,
                                                 guint           seconds);

/* agent-call-popup-lookups.c */
void       agent_call_popup_lookup_area         (AgentCallPopup *self);
void       agent_call_popup_show_customer       (AgentCallPopup *self);
void       agent_call_popup_lookup_customer     (AgentCallPopup *self);
void       agent_call_popup_lookup_memos        (AgentCallPopup *self);
void       agent_call_popup_lookup_calls        (AgentCallPopup *self);
void       agent_call_popup_lookup_record       (AgentCallPopup *self);
GtkWidget *agent_call_popup_memo_row            (const char     *text,
                                                 const char     *when,
                                                 const char     *who);

/* agent-call-popup-actions.c */
void       agent_call_popup_class_add_actions   (GtkWidgetClass *widget_class);
void       agent_call_popup_memo_changed        (AgentCallPopup *self);
void       agent_call_popup_save_memo           (AgentCallPopup *self);
void       agent_call_popup_ask_about_memo      (AgentCallPopup *self);
void       agent_call_popup_update_customer_actions (AgentCallPopup *self);
void       agent_call_popup_forget_created      (AgentCallPopup *self);

G_END_DECLS
