// @generated-style diesel schema, kept by hand in sync with migrations/ (checked by the store tests).

diesel::table! {
    orgs (id) {
        id -> Uuid,
        code -> Text,
        name -> Text,
        kind -> Text,
        parent_id -> Nullable<Uuid>,
        path -> Text,
        active -> Bool,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    staff_accounts (id) {
        id -> Uuid,
        username -> Text,
        display_name -> Text,
        password_hash -> Text,
        role -> Text,
        review_level -> Nullable<Text>,
        scope_org_id -> Uuid,
        totp_secret_enc -> Nullable<Bytea>,
        totp_enabled -> Bool,
        totp_last_step -> Nullable<Int8>,
        can_reveal_pii -> Bool,
        failed_logins -> Int4,
        locked_until -> Nullable<Timestamptz>,
        active -> Bool,
        last_login_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        institution_code -> Nullable<Text>,
    }
}

diesel::table! {
    candidates (id) {
        id -> Uuid,
        id_type -> Text,
        id_number_bidx -> Bytea,
        id_number_enc -> Bytea,
        id_number_masked -> Text,
        name -> Text,
        sex -> Nullable<Text>,
        birth_date -> Nullable<Date>,
        phone -> Text,
        email -> Nullable<Text>,
        phone_verified_at -> Nullable<Timestamptz>,
        email_verified_at -> Nullable<Timestamptz>,
        password_hash -> Text,
        privacy_version -> Text,
        privacy_accepted_at -> Timestamptz,
        failed_logins -> Int4,
        throttled_until -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    api_clients (id) {
        id -> Uuid,
        client_id -> Text,
        name -> Text,
        secret_hash -> Text,
        scopes -> Array<Text>,
        allowed_origins -> Array<Text>,
        rate_limit_per_minute -> Int4,
        active -> Bool,
        created_at -> Timestamptz,
        last_used_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    auth_sessions (id) {
        id -> Uuid,
        subject_kind -> Text,
        subject_id -> Uuid,
        created_at -> Timestamptz,
        expires_at -> Timestamptz,
        revoked_at -> Nullable<Timestamptz>,
        revoke_reason -> Nullable<Text>,
        ip -> Nullable<Text>,
        user_agent -> Nullable<Text>,
    }
}

diesel::table! {
    refresh_tokens (id) {
        id -> Uuid,
        session_id -> Uuid,
        token_hash -> Bytea,
        issued_at -> Timestamptz,
        expires_at -> Timestamptz,
        rotated_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    verification_codes (id) {
        id -> Uuid,
        channel -> Text,
        target -> Text,
        purpose -> Text,
        code_hash -> Bytea,
        attempts -> Int4,
        expires_at -> Timestamptz,
        consumed_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    rate_counters (key, window_start) {
        key -> Text,
        window_start -> Timestamptz,
        count -> Int4,
    }
}

diesel::table! {
    outbox_messages (id) {
        id -> Uuid,
        channel -> Text,
        recipient -> Text,
        subject -> Text,
        body -> Text,
        status -> Text,
        attempts -> Int4,
        last_error -> Nullable<Text>,
        locked_until -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
        sent_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    exam_types (code) {
        code -> Text,
        name -> Text,
    }
}

diesel::table! {
    exam_sessions (id) {
        id -> Uuid,
        exam_type -> Text,
        year -> Int4,
        name -> Text,
        region_org_id -> Uuid,
        review_chain -> Array<Text>,
        registration_opens_at -> Timestamptz,
        registration_closes_at -> Timestamptz,
        payment_opens_at -> Nullable<Timestamptz>,
        payment_closes_at -> Nullable<Timestamptz>,
        supplement_opens_at -> Nullable<Timestamptz>,
        supplement_closes_at -> Nullable<Timestamptz>,
        settings -> Jsonb,
        status -> Text,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    sandbox_pay_fault_counts (kind) {
        kind -> Text,
        n -> Int8,
    }
}

diesel::table! {
    review_reasons (code) {
        code -> Text,
        label -> Text,
        target -> Text,
        subject -> Nullable<Text>,
        active -> Bool,
        sort -> Int4,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    review_windows (session_id, level) {
        session_id -> Uuid,
        level -> Text,
        opens_at -> Timestamptz,
        closes_at -> Timestamptz,
    }
}

diesel::table! {
    exam_stages (id) {
        id -> Uuid,
        session_id -> Uuid,
        code -> Text,
        name -> Text,
        seq -> Int4,
        payment_opens_at -> Nullable<Timestamptz>,
        payment_closes_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    exam_levels (id) {
        id -> Uuid,
        session_id -> Uuid,
        code -> Text,
        name -> Text,
        seq -> Int4,
    }
}

diesel::table! {
    exam_categories (id) {
        id -> Uuid,
        session_id -> Uuid,
        code -> Text,
        name -> Text,
    }
}

diesel::table! {
    specialties (id) {
        id -> Uuid,
        session_id -> Uuid,
        level_id -> Uuid,
        category_id -> Nullable<Uuid>,
        code -> Text,
        name -> Text,
    }
}

diesel::table! {
    subjects (id) {
        id -> Uuid,
        specialty_id -> Uuid,
        code -> Text,
        name -> Text,
        seq -> Int4,
    }
}

diesel::table! {
    fee_items (id) {
        id -> Uuid,
        session_id -> Uuid,
        stage_code -> Text,
        level_id -> Nullable<Uuid>,
        specialty_id -> Nullable<Uuid>,
        exam_format -> Text,
        unit -> Text,
        amount_fen -> Int8,
    }
}

diesel::table! {
    registrations (id) {
        id -> Uuid,
        candidate_id -> Uuid,
        session_id -> Uuid,
        status -> Text,
        current_level -> Nullable<Text>,
        version -> Int4,
        org_id -> Nullable<Uuid>,
        org_path -> Nullable<Text>,
        level_id -> Nullable<Uuid>,
        category_id -> Nullable<Uuid>,
        specialty_id -> Nullable<Uuid>,
        archive_number -> Nullable<Text>,
        form -> Jsonb,
        submitted_at -> Nullable<Timestamptz>,
        final_decision_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    registration_versions (id) {
        id -> Int8,
        registration_id -> Uuid,
        version -> Int4,
        status -> Text,
        form -> Jsonb,
        change_kind -> Text,
        actor_kind -> Text,
        actor_id -> Nullable<Uuid>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    materials (id) {
        id -> Uuid,
        registration_id -> Uuid,
        kind -> Text,
        object_key -> Text,
        content_type -> Text,
        size_bytes -> Int8,
        sha256 -> Text,
        original_name -> Nullable<Text>,
        status -> Text,
        reject_reason -> Nullable<Text>,
        uploaded_at -> Timestamptz,
    }
}

diesel::table! {
    verification_findings (id) {
        id -> Uuid,
        registration_id -> Uuid,
        rule_code -> Text,
        severity -> Text,
        reviewer_message -> Text,
        candidate_message -> Nullable<Text>,
        evidence -> Jsonb,
        computed_at -> Timestamptz,
        superseded_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    review_actions (id) {
        id -> Uuid,
        registration_id -> Uuid,
        level -> Nullable<Text>,
        action -> Text,
        actor_kind -> Text,
        actor_id -> Nullable<Uuid>,
        reason_codes -> Array<Text>,
        comment -> Nullable<Text>,
        comment_public -> Bool,
        from_status -> Text,
        to_status -> Text,
        registration_version -> Int4,
        created_at -> Timestamptz,
        returned_fields -> Array<Text>,
        returned_materials -> Array<Text>,
        override_reason -> Nullable<Text>,
    }
}

diesel::table! {
    payment_orders (id) {
        id -> Uuid,
        order_no -> Text,
        registration_id -> Uuid,
        stage_code -> Text,
        amount_fen -> Int8,
        status -> Text,
        channel_txn_id -> Nullable<Text>,
        cashier_url -> Nullable<Text>,
        expires_at -> Timestamptz,
        paid_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        next_poll_at -> Nullable<Timestamptz>,
        poll_attempts -> Int4,
        locked_until -> Nullable<Timestamptz>,
        locked_by -> Nullable<Text>,
        closed_at -> Nullable<Timestamptz>,
        alert -> Nullable<Text>,
    }
}

diesel::table! {
    payment_refunds (id) {
        id -> Uuid,
        refund_no -> Text,
        order_id -> Uuid,
        amount_fen -> Int8,
        reason -> Text,
        status -> Text,
        attempts -> Int4,
        next_attempt_at -> Timestamptz,
        last_error -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    sandbox_pay_orders (merchant_id, order_no) {
        merchant_id -> Text,
        order_no -> Text,
        amount_fen -> Int8,
        subject -> Text,
        notify_url -> Text,
        expire_at -> Timestamptz,
        status -> Text,
        txn_id -> Nullable<Text>,
        cashier_token -> Text,
        paid_at -> Nullable<Timestamptz>,
        closed_at -> Nullable<Timestamptz>,
        refund_no -> Nullable<Text>,
        refunded_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    sandbox_pay_notifications (id) {
        id -> Int8,
        merchant_id -> Text,
        order_no -> Text,
        notify_url -> Text,
        payload -> Jsonb,
        attempts -> Int4,
        next_attempt_at -> Timestamptz,
        delivered_at -> Nullable<Timestamptz>,
        last_error -> Nullable<Text>,
    }
}

diesel::table! {
    sandbox_pay_faults (id) {
        id -> Int4,
        settings -> Jsonb,
    }
}

diesel::table! {
    payment_reconciliations (id) {
        id -> Uuid,
        day -> Date,
        status -> Text,
        matched -> Int4,
        discrepancies -> Int4,
        healed -> Int4,
        ours_total_fen -> Int8,
        theirs_total_fen -> Int8,
        items -> Jsonb,
        run_by -> Text,
        run_at -> Timestamptz,
    }
}

diesel::table! {
    payment_events (id) {
        id -> Int8,
        order_id -> Nullable<Uuid>,
        kind -> Text,
        dedup_key -> Nullable<Text>,
        payload -> Jsonb,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    jobs (id) {
        id -> Int8,
        kind -> Text,
        payload -> Jsonb,
        status -> Text,
        run_at -> Timestamptz,
        attempts -> Int4,
        max_attempts -> Int4,
        locked_until -> Nullable<Timestamptz>,
        locked_by -> Nullable<Text>,
        last_error -> Nullable<Text>,
        dedup_key -> Nullable<Text>,
        created_at -> Timestamptz,
        finished_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    audit_log (id) {
        id -> Int8,
        occurred_at -> Timestamptz,
        actor_kind -> Text,
        actor_id -> Nullable<Text>,
        action -> Text,
        object_kind -> Nullable<Text>,
        object_id -> Nullable<Text>,
        outcome -> Text,
        ip -> Nullable<Text>,
        request_id -> Nullable<Text>,
        details -> Jsonb,
    }
}

diesel::table! {
    audit_seals (id) {
        id -> Int8,
        first_id -> Int8,
        last_id -> Int8,
        row_count -> Int8,
        rows_hash -> Bytea,
        prev_hash -> Bytea,
        seal_hash -> Bytea,
        sealed_at -> Timestamptz,
    }
}

diesel::table! {
    key_checks (name) {
        name -> Text,
        check_value -> Bytea,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    library_batches (id) {
        id -> Uuid,
        library -> Text,
        mode -> Text,
        on_error -> Text,
        status -> Text,
        file_name -> Nullable<Text>,
        file_format -> Text,
        file_sha256 -> Text,
        rows_total -> Int4,
        rows_loaded -> Int4,
        rows_rejected -> Int4,
        errors -> Jsonb,
        error_count -> Int4,
        ignored_columns -> Array<Text>,
        created_by -> Text,
        created_at -> Timestamptz,
        superseded_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    library_archive (id) {
        id -> Int8,
        library -> Text,
        batch_id -> Uuid,
        record -> Jsonb,
        archived_at -> Timestamptz,
        archived_by -> Nullable<Uuid>,
    }
}

diesel::table! {
    lib_institutions (id) {
        id -> Int8,
        batch_id -> Uuid,
        code -> Text,
        name -> Text,
        region_code -> Text,
        level -> Nullable<Text>,
        kind -> Nullable<Text>,
    }
}

// Per-import staging (a TEMP table created by `libraries::create_staging`, dropped on commit).
diesel::table! {
    lib_staging (row_no) {
        row_no -> Int4,
        id_bidx -> Nullable<Bytea>,
        id_enc -> Nullable<Bytea>,
        id_masked -> Nullable<Text>,
        name -> Nullable<Text>,
        c1 -> Nullable<Text>,
        c2 -> Nullable<Text>,
        c3 -> Nullable<Text>,
        c4 -> Nullable<Text>,
        c5 -> Nullable<Text>,
        c6 -> Nullable<Text>,
        c7 -> Nullable<Text>,
        c8 -> Nullable<Text>,
        c9 -> Nullable<Text>,
        c10 -> Nullable<Text>,
        c11 -> Nullable<Text>,
        c12 -> Nullable<Text>,
    }
}

diesel::table! {
    lib_history (id) {
        id -> Int8,
        batch_id -> Uuid,
        id_bidx -> Bytea,
        id_enc -> Bytea,
        id_masked -> Text,
        name -> Text,
        year -> Int4,
        exam_type -> Text,
        archive_number -> Nullable<Text>,
        level_code -> Nullable<Text>,
        specialty_code -> Nullable<Text>,
        subjects_passed -> Nullable<Array<Text>>,
        skills_passed -> Nullable<Bool>,
        written_passed -> Nullable<Bool>,
        education_level -> Nullable<Text>,
        school -> Nullable<Text>,
        major -> Nullable<Text>,
        unit_code -> Nullable<Text>,
    }
}

diesel::table! {
    lib_qualifications (id) {
        id -> Int8,
        batch_id -> Uuid,
        id_bidx -> Bytea,
        id_enc -> Bytea,
        id_masked -> Text,
        name -> Text,
        title -> Text,
        level_code -> Text,
        specialty_code -> Nullable<Text>,
        obtained_on -> Date,
        certificate_number -> Nullable<Text>,
    }
}

diesel::table! {
    lib_violations (id) {
        id -> Int8,
        batch_id -> Uuid,
        id_bidx -> Bytea,
        id_enc -> Bytea,
        id_masked -> Text,
        name -> Text,
        exam_type -> Text,
        sanction -> Text,
        legal_basis -> Nullable<Text>,
        from_year -> Int4,
        to_year -> Nullable<Int4>,
    }
}

diesel::table! {
    lib_provincial_line (id) {
        id -> Int8,
        batch_id -> Uuid,
        id_bidx -> Bytea,
        id_enc -> Bytea,
        id_masked -> Text,
        name -> Text,
        year -> Int4,
        specialty_code -> Nullable<Text>,
        valid_region -> Text,
    }
}

diesel::table! {
    lib_physician_practice (id) {
        id -> Int8,
        batch_id -> Uuid,
        id_bidx -> Bytea,
        id_enc -> Bytea,
        id_masked -> Text,
        name -> Text,
        certificate_kind -> Text,
        level_code -> Text,
        category_code -> Text,
        scope -> Nullable<Text>,
        certificate_number -> Text,
        obtained_on -> Date,
    }
}

diesel::table! {
    lib_nurse_practice (id) {
        id -> Int8,
        batch_id -> Uuid,
        id_bidx -> Bytea,
        id_enc -> Bytea,
        id_masked -> Text,
        name -> Text,
        registration_number -> Text,
        registered_on -> Date,
        valid_until -> Nullable<Date>,
    }
}

diesel::table! {
    lib_fresh_graduates (id) {
        id -> Int8,
        batch_id -> Uuid,
        id_bidx -> Bytea,
        id_enc -> Bytea,
        id_masked -> Text,
        name -> Text,
        school -> Text,
        graduation_year -> Int4,
        major -> Nullable<Text>,
        education_level -> Nullable<Text>,
    }
}

diesel::table! {
    lib_front_line (id) {
        id -> Int8,
        batch_id -> Uuid,
        id_bidx -> Bytea,
        id_enc -> Bytea,
        id_masked -> Text,
        name -> Text,
        policy -> Text,
        unit -> Nullable<Text>,
        valid_year -> Int4,
    }
}

diesel::table! {
    lib_secondary_education (id) {
        id -> Int8,
        batch_id -> Uuid,
        id_bidx -> Bytea,
        id_enc -> Bytea,
        id_masked -> Text,
        name -> Text,
        school -> Text,
        major -> Text,
        enrolled_on -> Date,
        graduated_on -> Date,
        study_years -> Nullable<Int4>,
        study_form -> Nullable<Text>,
    }
}

diesel::table! {
    lib_probation_filings (id) {
        id -> Int8,
        batch_id -> Uuid,
        id_bidx -> Bytea,
        id_enc -> Bytea,
        id_masked -> Text,
        name -> Text,
        institution_code -> Text,
        category_code -> Text,
        started_on -> Date,
        ended_on -> Date,
        valid_until -> Nullable<Date>,
        certificate_number -> Nullable<Text>,
    }
}

diesel::table! {
    lib_apprenticeship (id) {
        id -> Int8,
        batch_id -> Uuid,
        id_bidx -> Bytea,
        id_enc -> Bytea,
        id_masked -> Text,
        name -> Text,
        certificate_kind -> Text,
        certificate_number -> Text,
        issued_on -> Nullable<Date>,
        teacher -> Nullable<Text>,
    }
}

diesel::table! {
    archived_registrations (registration_id) {
        registration_id -> Uuid,
        session_id -> Uuid,
        document -> Jsonb,
        sha256 -> Text,
        archived_at -> Timestamptz,
    }
}

diesel::table! {
    season_archives (session_id) {
        session_id -> Uuid,
        started_at -> Timestamptz,
        finished_at -> Nullable<Timestamptz>,
        manifest_key -> Nullable<Text>,
        manifest_sha256 -> Nullable<Text>,
        counts -> Jsonb,
        archived_by -> Text,
    }
}

diesel::table! {
    supplements (registration_id) {
        registration_id -> Uuid,
        status -> Text,
        version -> Int4,
        submitted_at -> Nullable<Timestamptz>,
        decided_at -> Nullable<Timestamptz>,
        decided_by -> Nullable<Uuid>,
        reason -> Nullable<Text>,
        reminded_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    spot_checks (id) {
        id -> Uuid,
        session_id -> Uuid,
        level -> Text,
        org_id -> Nullable<Uuid>,
        reviewer_id -> Nullable<Uuid>,
        approved_from -> Nullable<Timestamptz>,
        approved_to -> Nullable<Timestamptz>,
        requested -> Int4,
        population -> Int4,
        scope_path -> Text,
        created_by -> Uuid,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    spot_check_items (id) {
        id -> Uuid,
        spot_check_id -> Uuid,
        registration_id -> Uuid,
        action_id -> Uuid,
        reviewer_id -> Nullable<Uuid>,
        approved_at -> Timestamptz,
        verdict -> Nullable<Text>,
        reason -> Nullable<Text>,
        effect -> Nullable<Text>,
        checked_by -> Nullable<Uuid>,
        checked_at -> Nullable<Timestamptz>,
    }
}

diesel::joinable!(spot_check_items -> spot_checks (spot_check_id));
diesel::joinable!(supplements -> registrations (registration_id));
diesel::joinable!(staff_accounts -> orgs (scope_org_id));
diesel::joinable!(refresh_tokens -> auth_sessions (session_id));
diesel::joinable!(exam_sessions -> orgs (region_org_id));
diesel::joinable!(exam_sessions -> exam_types (exam_type));
diesel::joinable!(registrations -> candidates (candidate_id));
diesel::table! {
    api_idempotency (client_id, key) {
        client_id -> Uuid,
        key -> Text,
        operation -> Text,
        request_sha256 -> Text,
        status_code -> Int4,
        response -> Jsonb,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    probation_filings (id) {
        id -> Uuid,
        filing_no -> Text,
        client_id -> Nullable<Uuid>,
        filed_by -> Text,
        institution_code -> Text,
        id_bidx -> Bytea,
        id_enc -> Bytea,
        id_masked -> Text,
        name -> Text,
        category_code -> Text,
        started_on -> Date,
        ended_on -> Date,
        valid_until -> Date,
        certificate_number -> Text,
        legal_representative -> Text,
        status -> Text,
        revoke_reason -> Nullable<Text>,
        library_row_id -> Nullable<Int8>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    national_imports (id) {
        id -> Uuid,
        session_id -> Uuid,
        file_name -> Nullable<Text>,
        file_sha256 -> Text,
        rows_total -> Int4,
        rows_loaded -> Int4,
        errors -> Jsonb,
        created_by -> Text,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    national_records (import_id, id_bidx) {
        import_id -> Uuid,
        id_bidx -> Bytea,
        id_enc -> Bytea,
        id_masked -> Text,
        name -> Text,
        status -> Text,
        paid -> Bool,
        level_code -> Nullable<Text>,
        specialty_code -> Nullable<Text>,
        site_code -> Nullable<Text>,
    }
}

diesel::table! {
    comparison_runs (id) {
        id -> Uuid,
        session_id -> Uuid,
        import_id -> Uuid,
        counts -> Jsonb,
        created_by -> Text,
        started_at -> Timestamptz,
        finished_at -> Timestamptz,
    }
}

diesel::table! {
    comparison_anomalies (id) {
        id -> Uuid,
        session_id -> Uuid,
        id_bidx -> Bytea,
        id_masked -> Text,
        kind -> Text,
        field -> Text,
        registration_id -> Nullable<Uuid>,
        name -> Text,
        provincial_value -> Nullable<Text>,
        national_value -> Nullable<Text>,
        state -> Text,
        resolution -> Nullable<Text>,
        note -> Nullable<Text>,
        resolved_by -> Nullable<Uuid>,
        resolved_at -> Nullable<Timestamptz>,
        first_run_id -> Uuid,
        last_run_id -> Uuid,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    talent_status_records (id) {
        id -> Int8,
        client_id -> Uuid,
        session_id -> Uuid,
        id_bidx -> Bytea,
        id_masked -> Text,
        status -> Text,
        note -> Nullable<Text>,
        recorded_on -> Date,
        received_at -> Timestamptz,
    }
}

diesel::table! {
    class_list_students (id) {
        id -> Int8,
        session_id -> Uuid,
        org_id -> Uuid,
        id_bidx -> Bytea,
        id_enc -> Bytea,
        id_masked -> Text,
        name -> Text,
        major -> Nullable<Text>,
        education_level -> Nullable<Text>,
        expected_graduation_on -> Date,
        row_no -> Int4,
        uploaded_by -> Uuid,
        uploaded_at -> Timestamptz,
    }
}

diesel::table! {
    help_documents (audience, locale) {
        audience -> Text,
        locale -> Text,
        content -> Jsonb,
        version -> Int4,
        updated_at -> Timestamptz,
        updated_by -> Uuid,
    }
}

diesel::joinable!(payment_refunds -> payment_orders (order_id));
diesel::joinable!(registrations -> exam_sessions (session_id));
diesel::joinable!(registrations -> orgs (org_id));
diesel::joinable!(registrations -> specialties (specialty_id));
diesel::joinable!(specialties -> exam_levels (level_id));
diesel::joinable!(registration_versions -> registrations (registration_id));
diesel::joinable!(materials -> registrations (registration_id));
diesel::joinable!(verification_findings -> registrations (registration_id));
diesel::joinable!(review_actions -> registrations (registration_id));
diesel::joinable!(payment_orders -> registrations (registration_id));
diesel::joinable!(subjects -> specialties (specialty_id));

diesel::allow_tables_to_appear_in_same_query!(
    archived_registrations,
    help_documents,
    class_list_students,
    supplements,
    spot_checks,
    spot_check_items,
    season_archives,
    orgs,
    staff_accounts,
    candidates,
    api_clients,
    auth_sessions,
    refresh_tokens,
    verification_codes,
    rate_counters,
    outbox_messages,
    exam_types,
    exam_sessions,
    review_windows,
    review_reasons,
    exam_stages,
    exam_levels,
    exam_categories,
    specialties,
    subjects,
    fee_items,
    registrations,
    registration_versions,
    materials,
    verification_findings,
    review_actions,
    payment_orders,
    payment_events,
    jobs,
    audit_log,
    audit_seals,
    key_checks,
    library_batches,
    payment_refunds,
    payment_reconciliations,
    sandbox_pay_orders,
    sandbox_pay_notifications,
    sandbox_pay_faults,
    library_archive,
    lib_institutions,
    lib_history,
    lib_qualifications,
    lib_violations,
    lib_provincial_line,
    lib_physician_practice,
    lib_nurse_practice,
    lib_fresh_graduates,
    lib_front_line,
    lib_secondary_education,
    lib_probation_filings,
    lib_apprenticeship,
    api_idempotency,
    probation_filings,
    national_imports,
    national_records,
    comparison_runs,
    comparison_anomalies,
    talent_status_records,
);
