/* outbox-plan.h — the 200 writes of the outbox crash test, shared by the test and its feeder
 *
 * Write i (1-based) is, by i % 10: 0–5 a memo to one of the memo numbers, 6–7 a new customer,
 * 8–9 a lock or unlock of one of the lock customers (locked in even decades). Memo texts and
 * customer names carry the sequence number, so the server's records can be put in order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#define PLAN_WRITES 200

typedef enum
{
  PLAN_MEMO,
  PLAN_SAVE,
  PLAN_LOCK,
} PlanKind;

static inline PlanKind
plan_kind (guint i)
{
  guint r = i % 10;

  return r <= 5 ? PLAN_MEMO : r <= 7 ? PLAN_SAVE : PLAN_LOCK;
}

static inline char *
plan_memo_text (guint i)
{
  return g_strdup_printf ("Crash test memo #%03u", i);
}

static inline char *
plan_customer_name (guint i)
{
  return g_strdup_printf ("Crash test customer #%03u", i);
}

/* A number of its own for each new customer: @prefix (8 digits) and the sequence number. */
static inline char *
plan_customer_phone (const char *prefix,
                     guint       i)
{
  return g_strdup_printf ("%s%03u", prefix, i);
}

static inline guint
plan_pick (guint i,
           guint n)
{
  return (i / 10 + i) % n;
}

static inline gboolean
plan_locked (guint i)
{
  return (i / 10) % 2 == 0;
}
